package io.storepulse.processor.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.AvroSerde;
import io.storepulse.model.codec.Codecs;
import io.storepulse.model.validation.EventKind;
import io.storepulse.model.validation.EventRules;
import io.storepulse.processor.config.ProcessorConfig;
import io.storepulse.processor.config.StoreKind;
import io.storepulse.processor.features.FeatureWindows;
import io.storepulse.processor.rules.FraudThresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The processor's topology. Node and store names are constants here; the stages live in their own classes. */
@ApplicationScoped
public class TopologyProducer {

    /** One record per user: recent event ids, open sessions, feature state. */
    public static final String USER_STATE_STORE = "user-state";
    /** Closed sessions, kept for the retention; queries read them together with the open ones in user-state. */
    public static final String SESSION_STORE = "user-sessions";
    /** Revenue per product and hour, kept for the retention: the window store queries read. */
    public static final String REVENUE_STORE = "product-revenue";
    /**
     * Purchases' contributions re-keyed by product. The Processor API cannot declare internal topics, so the app
     * creates this one ({@link InternalTopics}) with as many partitions as inventory events: the two are read by one
     * task per partition, which joins purchases with the inventory table.
     */
    public static final String REVENUE_ITEMS_TOPIC = "storepulse-processor-revenue-items";
    /**
     * The topic whose partitions number the tasks holding {@link #REVENUE_STORE} and {@link #INVENTORY_STORE}: both
     * stores sit in the one sub-topology that reads it, so partition p of either store is the task reading
     * partition p of this topic.
     */
    public static final String PRODUCT_TASKS_TOPIC = REVENUE_ITEMS_TOPIC;
    /** Stock per product, with the units sold since the newest report: the inventory table queries read. */
    public static final String INVENTORY_STORE = "product-stock";
    static final Duration REVENUE_WINDOW = Duration.ofHours(1);
    static final String USER_ACTIVITY = "user-activity";
    static final String INVENTORY = "inventory-table";
    static final String REVENUE = "product-revenue-aggregator";
    static final String STOCK_SALES = "purchases-join-inventory";

    private final ProcessorConfig config;
    private final MeterRegistry registry;

    public TopologyProducer(ProcessorConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /**
     * Everything the topology's behaviour depends on; {@code wallClock} is the "now" events are validated against
     * (an event_time too far ahead of it is invalid).
     */
    record Settings(EventRules rules, LongSupplier wallClock, Duration grace, Duration sessionGap,
                    FeatureWindows featureWindows, Duration sessionRetention, Duration revenueRetention,
                    FraudThresholds fraud, Duration commitLiveInterval, Duration commitLiveLag, StoreKind userStore) {
        /** The settings the processor's configuration gives. */
        static Settings of(ProcessorConfig config, LongSupplier wallClock) {
            return new Settings(new EventRules(config.validation().maxFutureSkew()), wallClock, config.grace(),
                    config.sessions().gap(), new FeatureWindows(config.features().shortSpan(), config.features().hour(),
                    config.features().day()), config.sessions().retention(), config.revenue().retention(),
                    config.fraud().thresholds(), config.commits().liveInterval(), config.commits().liveLag(),
                    config.userState().store());
        }

        Settings {
            if (sessionRetention.compareTo(sessionGap.plus(grace)) < 0) {
                throw new IllegalArgumentException("storepulse.sessions.retention (" + sessionRetention
                        + ") must be at least the session gap plus the grace (" + sessionGap.plus(grace) + ")");
            }
            if (revenueRetention.compareTo(REVENUE_WINDOW.plus(grace)) < 0) {
                throw new IllegalArgumentException("storepulse.revenue.retention (" + revenueRetention
                        + ") must be at least one hour plus the grace (" + REVENUE_WINDOW.plus(grace) + ")");
            }
        }
    }

    /**
     * The topology, and nothing else: no call to the broker (the internal topic is {@link InternalTopics}'s). One
     * instance, built once: Kafka Streams runs it and the state directory's guard describes the same one.
     */
    @Produces
    @Singleton
    public Topology topology() {
        ProcessorMetrics metrics = new ProcessorMetrics(registry, System::currentTimeMillis);
        return build(Settings.of(config, System::currentTimeMillis), metrics, metrics);
    }

    static Topology build(Settings settings, InputGate.RouteCounter counter,
                          UserActivityProcessor.ActivityObserver observer) {
        Topology topology = new Topology();
        CommitPace pace = new CommitPace(settings.commitLiveInterval(), settings.commitLiveLag());
        for (EventKind kind : EventKind.values()) {
            addInput(topology, kind, settings, counter, pace);
        }
        UserActivityProcessor.Names names = new UserActivityProcessor.Names(USER_STATE_STORE, SESSION_STORE,
                Topics.SESSION_AGGREGATIONS, Topics.USER_FEATURES, REVENUE_ITEMS_TOPIC,
                Topics.FRAUD_ALERTS);
        topology.addProcessor(USER_ACTIVITY, () -> new UserActivityProcessor(names, settings, counter, observer),
                gateName(EventKind.CLICK), gateName(EventKind.PURCHASE));
        topology.addSink(Topics.FRAUD_ALERTS, Topics.FRAUD_ALERTS, new StringSerializer(),
                avro(new AvroSerde<>(Codecs.FRAUD_ALERT)), USER_ACTIVITY);
        topology.addSink(Topics.SESSION_AGGREGATIONS, Topics.SESSION_AGGREGATIONS, new StringSerializer(),
                encodedOrAvro(new AvroSerde<>(Codecs.SESSION)), USER_ACTIVITY);
        topology.addSink(Topics.USER_FEATURES, Topics.USER_FEATURES, new StringSerializer(),
                encodedOrAvro(new AvroSerde<>(Codecs.FEATURES)), USER_ACTIVITY);
        topology.addSink(REVENUE_ITEMS_TOPIC, REVENUE_ITEMS_TOPIC, new StringSerializer(), rawBytes(), USER_ACTIVITY);
        topology.addSource(REVENUE_ITEMS_TOPIC + "-source", new StringDeserializer(), new ByteArrayDeserializer(),
                REVENUE_ITEMS_TOPIC);
        topology.addProcessor(REVENUE, () -> new RevenueAggregator(REVENUE_STORE, Topics.REVENUE_AGGREGATIONS),
                REVENUE_ITEMS_TOPIC + "-source");
        topology.addSink(Topics.REVENUE_AGGREGATIONS, Topics.REVENUE_AGGREGATIONS, new StringSerializer(),
                avro(new AvroSerde<>(Codecs.REVENUE)), REVENUE);
        // Neither of these two is cached: each entry is written seldom (per purchase item, per closed session).
        topology.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(REVENUE_STORE,
                settings.revenueRetention(), REVENUE_WINDOW, false), Serdes.String(), Serdes.ByteArray()), REVENUE);
        topology.addStateStore(Stores.keyValueStoreBuilder(settings.userStore().keyValueStore(USER_STATE_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingDisabled(), USER_ACTIVITY);
        topology.addStateStore(Stores.sessionStoreBuilder(Stores.persistentSessionStore(SESSION_STORE,
                settings.sessionRetention()), Serdes.String(), Serdes.ByteArray()), USER_ACTIVITY);
        topology.addProcessor(INVENTORY, () -> new InventoryProcessor(INVENTORY_STORE), gateName(EventKind.INVENTORY));
        topology.addProcessor(STOCK_SALES, () -> new StockSalesJoin(INVENTORY_STORE), REVENUE_ITEMS_TOPIC + "-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INVENTORY_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), INVENTORY, STOCK_SALES);
        return topology;
    }

    private static void addInput(Topology topology, EventKind kind, Settings settings, InputGate.RouteCounter counter,
                                 CommitPace pace) {
        String topic = kind.topic();
        String source = topic + "-source";
        String gate = gateName(kind);
        String deadLetters = topic + "-dlq";
        String late = topic + "-late";
        String downstream = kind != EventKind.INVENTORY ? USER_ACTIVITY : INVENTORY;
        // A new application reads every input from its beginning (the default, said here because this overload needs it).
        topology.addSource(AutoOffsetReset.earliest(), source,
                new EventTimeExtractor(settings.rules(), settings.wallClock()), new ByteArrayDeserializer(),
                InboundRecord.deserializer(kind), topic);
        topology.addProcessor(gate, () -> new InputGate(settings.grace(), new InputGate.Sinks(deadLetters, late,
                downstream), counter, pace), source);
        topology.addSink(deadLetters, Topics.deadLetterOf(topic), rawBytes(), rawBytes(), gate);
        topology.addSink(late, Topics.LATE_EVENTS, rawBytes(), rawBytes(), gate);
    }

    static String gateName(EventKind kind) {
        return kind.topic() + "-gate";
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> avro(AvroSerde<?> serde) {
        Serializer<?> serializer = serde.serializer();
        return (Serializer<Object>) serializer;
    }

    /** Bytes the processor already encoded pass as they are; records are encoded by the serde. */
    private static Serializer<Object> encodedOrAvro(AvroSerde<?> serde) {
        Serializer<Object> avro = avro(serde);
        return (topic, value) -> value instanceof byte[] encoded ? encoded : avro.serialize(topic, value);
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> rawBytes() {
        Serializer<?> bytes = new ByteArraySerializer();
        return (Serializer<Object>) bytes;
    }
}
