package io.storepulse.processor.query;

import io.storepulse.avro.ProductRevenue;
import io.storepulse.avro.SessionSummary;
import io.storepulse.model.codec.Codecs;
import io.storepulse.model.json.ContractJson;
import io.storepulse.model.json.InventoryView;
import io.storepulse.model.json.LocalLowStock;
import io.storepulse.model.json.LocalTopRevenue;
import io.storepulse.model.json.ProcessorInstance;
import io.storepulse.model.json.RevenueView;
import io.storepulse.model.json.SessionView;
import io.storepulse.processor.config.ProcessorConfig;
import io.storepulse.processor.inventory.ProductStock;
import io.storepulse.processor.revenue.RevenueContribution;
import io.storepulse.processor.state.UserStateCodec;
import io.storepulse.processor.topology.TopologyProducer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlySessionStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * Reads the processor's live state for one key: answers when this instance owns the key's partition (active
 * task), names the owner when another instance does, and says "not now" while the state is moving. Rankings over
 * every product (best sellers, low stock) are read from this instance's active partitions only and say which
 * partitions those were, so a caller asking every instance can check it heard from each partition exactly once.
 * Knows nothing of HTTP.
 */
@ApplicationScoped
public class InteractiveQueries {

    private static final Duration HOUR = Duration.ofHours(1);
    /** The last instant a window store accepts as a bound. */
    private static final Instant END_OF_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final long lowStockBelow;

    public InteractiveQueries(KafkaStreams streams, ProcessorConfig config,
                              @ConfigProperty(name = "kafka-streams.application.server") String applicationServer) {
        this.streams = streams;
        this.self = HostInfo.buildFromEndpoint(applicationServer);
        this.lowStockBelow = config.inventory().lowStockBelow();
    }

    /**
     * Sessions overlapping [from, to), newest first; either bound may be null; an empty list when the user has
     * none retained (CONTRACT section 9). Open sessions are in the user's state, closed ones in the session store; a session moving between
     * them in this instant is listed once.
     */
    public QueryResult<List<SessionView>> sessions(String userId, Instant from, Instant to) {
        return read(TopologyProducer.USER_STATE_STORE, userId, partition -> {
            Map<Long, SessionSummary> byStart = new TreeMap<>(Comparator.reverseOrder());
            ReadOnlySessionStore<String, byte[]> closed = store(TopologyProducer.SESSION_STORE, partition,
                    QueryableStoreTypes.sessionStore());
            try (KeyValueIterator<Windowed<String>, byte[]> entries = closed.fetch(userId)) {
                entries.forEachRemaining(entry -> byStart.put(entry.key.window().start(),
                        Codecs.SESSION.decode(entry.value)));
            }
            ReadOnlyKeyValueStore<String, byte[]> users = store(TopologyProducer.USER_STATE_STORE, partition,
                    QueryableStoreTypes.keyValueStore());
            byte[] state = users.get(userId);
            if (state != null) {
                UserStateCodec.decode(state).sessions().forEach(open -> byStart.put(open.start(), open.toSummary(userId)));
            }
            return new QueryResult.Found<>(byStart.values().stream()
                    .filter(session -> (from == null || !session.getSessionEnd().isBefore(from))
                            && (to == null || session.getSessionStart().isBefore(to)))
                    .map(SessionView::of)
                    .toList());
        });
    }

    /** Hours overlapping [from, to), oldest first; either bound may be null; empty when the product has none. */
    public QueryResult<List<RevenueView>> revenue(String productId, Instant from, Instant to) {
        return read(TopologyProducer.REVENUE_STORE, productId, partition -> {
            Instant firstStart = from == null ? Instant.EPOCH : from.minus(HOUR).plusMillis(1);
            Instant lastStart = to == null ? END_OF_TIME : to.minusMillis(1);
            List<RevenueView> hours = new ArrayList<>();
            ReadOnlyWindowStore<String, byte[]> store = store(TopologyProducer.REVENUE_STORE, partition,
                    QueryableStoreTypes.windowStore());
            if (lastStart.isBefore(firstStart)) {
                return new QueryResult.Found<>(hours);
            }
            try (WindowStoreIterator<byte[]> entries = store.fetch(productId, firstStart, lastStart)) {
                entries.forEachRemaining(entry -> hours.add(RevenueView.of(
                        RevenueContribution.fromBytes(entry.value).toRevenue(productId))));
            }
            return new QueryResult.Found<>(hours);
        });
    }

    public QueryResult<InventoryView> inventory(String productId) {
        return read(TopologyProducer.INVENTORY_STORE, productId, partition -> {
            byte[] stored = store(TopologyProducer.INVENTORY_STORE, partition,
                    QueryableStoreTypes.<String, byte[]>keyValueStore())
                    .get(productId);
            if (stored == null) {
                return new QueryResult.NotFound<>();
            }
            return new QueryResult.Found<>(inventoryView(productId, ProductStock.fromBytes(stored)));
        });
    }

    /** Every instance that holds tasks, by the address it advertises, this one included. */
    public QueryResult<List<ProcessorInstance>> instances() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return new QueryResult.Unavailable<>("the processor is " + streams.state());
        }
        return new QueryResult.Found<>(streams.metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo)
                .distinct()
                .map(host -> new ProcessorInstance(host.host(), host.port()))
                .sorted(Comparator.comparing(ProcessorInstance::host).thenComparingInt(ProcessorInstance::port))
                .toList());
    }

    /**
     * The {@code limit} products with the most revenue in the event-time hour that starts at {@code hourStart},
     * among the products of this instance's active partitions; equal revenue ranks by product id.
     */
    public QueryResult<LocalTopRevenue> localTopRevenue(Instant hourStart, int limit) {
        return local(TopologyProducer.REVENUE_STORE, QueryableStoreTypes.<String, byte[]>windowStore(),
                (partitions, stores) -> {
                    List<KeyValue<String, RevenueContribution>> hour = new ArrayList<>();
                    for (ReadOnlyWindowStore<String, byte[]> store : stores) {
                        try (KeyValueIterator<Windowed<String>, byte[]> entries = store.fetchAll(hourStart, hourStart)) {
                            entries.forEachRemaining(entry -> hour.add(KeyValue.pair(entry.key.key(),
                                    RevenueContribution.fromBytes(entry.value))));
                        }
                    }
                    List<RevenueView> top = hour.stream()
                            .sorted(Comparator.<KeyValue<String, RevenueContribution>>comparingLong(
                                    product -> -product.value.revenueCents()).thenComparing(product -> product.key))
                            .limit(limit)
                            .map(product -> RevenueView.of(product.value.toRevenue(product.key)))
                            .toList();
                    return new LocalTopRevenue(self.host() + ":" + self.port(), partitions.count(), partitions.local(),
                            ContractJson.time(hourStart), ContractJson.time(hourStart.plus(HOUR)), top);
                });
    }

    /**
     * The products of this instance's active partitions whose quantity is below the low-stock threshold: how many,
     * and the {@code limit} with the lowest quantity (then by product id).
     */
    public QueryResult<LocalLowStock> localLowStock(int limit) {
        return local(TopologyProducer.INVENTORY_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore(),
                (partitions, stores) -> {
                    List<InventoryView> low = new ArrayList<>();
                    for (ReadOnlyKeyValueStore<String, byte[]> store : stores) {
                        try (KeyValueIterator<String, byte[]> entries = store.all()) {
                            entries.forEachRemaining(entry -> {
                                ProductStock stock = ProductStock.fromBytes(entry.value);
                                if (stock.quantity() < lowStockBelow) {
                                    low.add(inventoryView(entry.key, stock));
                                }
                            });
                        }
                    }
                    List<InventoryView> lowest = low.stream()
                            .sorted(Comparator.comparingLong(InventoryView::currentQuantity)
                                    .thenComparing(InventoryView::productId))
                            .limit(limit)
                            .toList();
                    return new LocalLowStock(self.host() + ":" + self.port(), partitions.count(), partitions.local(),
                            lowStockBelow, low.size(), lowest);
                });
    }

    private InventoryView inventoryView(String productId, ProductStock stock) {
        return new InventoryView(productId, stock.quantity(), stock.quantity() < lowStockBelow,
                ContractJson.time(stock.updatedAt()), stock.unitsSoldSinceReport(), stock.estimatedQuantity());
    }

    /** How many partitions the product stores have, and which of them this instance holds active. */
    private record ProductPartitions(int count, List<Integer> local) {
    }

    /**
     * Reads {@code storeName} partition by partition, each of this instance's active ones and no other, so the
     * answer names exactly the partitions it comes from. A partition that moves away meanwhile makes it "not now".
     */
    private <S, T> QueryResult<T> local(String storeName, QueryableStoreType<S> type,
                                        BiFunction<ProductPartitions, List<S>, T> answer) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return new QueryResult.Unavailable<>("the processor is " + streams.state());
        }
        SortedSet<Integer> all = new TreeSet<>();
        for (StreamsMetadata client : streams.metadataForAllStreamsClients()) {
            client.topicPartitions().stream()
                    .filter(partition -> partition.topic().equals(TopologyProducer.PRODUCT_TASKS_TOPIC))
                    .forEach(partition -> all.add(partition.partition()));
        }
        if (all.isEmpty() || all.last() != all.size() - 1) {
            return new QueryResult.Unavailable<>("not every partition of " + storeName + " has an active instance now");
        }
        List<Integer> local = streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .filter(partition -> partition.topic().equals(TopologyProducer.PRODUCT_TASKS_TOPIC))
                .map(TopicPartition::partition)
                .sorted()
                .toList();
        try {
            List<S> stores = new ArrayList<>(local.size());
            for (int partition : local) {
                stores.add(streams.store(StoreQueryParameters.fromNameAndType(storeName, type).withPartition(partition)));
            }
            return new QueryResult.Found<>(answer.apply(new ProductPartitions(all.size(), local), stores));
        } catch (InvalidStateStoreException e) {
            return new QueryResult.Unavailable<>("the store " + storeName + " is not queryable now: " + e.getMessage());
        }
    }

    /**
     * The answer for {@code key} when this instance holds its active task, read from that task's stores only (the
     * {@code int} is the key's partition): one store per store name, not one per local task.
     */
    private <T> QueryResult<T> read(String storeName, String key, IntFunction<QueryResult<T>> answer) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return new QueryResult.Unavailable<>("the processor is " + streams.state());
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(storeName, key, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return new QueryResult.Unavailable<>("no instance holds " + storeName + " for this key right now");
        }
        HostInfo owner = metadata.activeHost();
        if (!owner.equals(self)) {
            return new QueryResult.Elsewhere<>(owner.host() + ":" + owner.port());
        }
        try {
            return answer.apply(metadata.partition());
        } catch (InvalidStateStoreException e) {
            return new QueryResult.Unavailable<>("the store " + storeName + " is not queryable now: " + e.getMessage());
        }
    }

    private <S> S store(String name, int partition, QueryableStoreType<S> type) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, type).withPartition(partition));
    }
}
