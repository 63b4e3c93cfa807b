package io.storepulse.processor.query;

import io.storepulse.avro.ProductRevenue;
import io.storepulse.avro.SessionSummary;
import io.storepulse.model.codec.Codecs;
import io.storepulse.model.json.ContractJson;
import io.storepulse.model.json.InventoryView;
import io.storepulse.model.json.RevenueView;
import io.storepulse.model.json.SessionView;
import io.storepulse.processor.config.ProcessorConfig;
import io.storepulse.processor.inventory.ProductStock;
import io.storepulse.processor.revenue.RevenueContribution;
import io.storepulse.processor.model.UserState;
import io.storepulse.processor.topology.TopologyProducer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
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
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads the processor's live state for one key: answers when this instance owns the key's partition (active
 * task), names the owner when another instance does, and says "not now" while the state is moving. Knows nothing
 * of HTTP.
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
        return read(TopologyProducer.USER_STATE_STORE, userId, () -> {
            Map<Long, SessionSummary> byStart = new TreeMap<>(Comparator.reverseOrder());
            ReadOnlySessionStore<String, byte[]> closed = store(TopologyProducer.SESSION_STORE,
                    QueryableStoreTypes.sessionStore());
            try (KeyValueIterator<Windowed<String>, byte[]> entries = closed.fetch(userId)) {
                entries.forEachRemaining(entry -> byStart.put(entry.key.window().start(),
                        Codecs.SESSION.decode(entry.value)));
            }
            ReadOnlyKeyValueStore<String, byte[]> users = store(TopologyProducer.USER_STATE_STORE,
                    QueryableStoreTypes.keyValueStore());
            byte[] state = users.get(userId);
            if (state != null) {
                UserState.fromBytes(state).sessions().forEach(open -> byStart.put(open.start(), open.toSummary(userId)));
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
        return read(TopologyProducer.REVENUE_STORE, productId, () -> {
            Instant firstStart = from == null ? Instant.EPOCH : from.minus(HOUR).plusMillis(1);
            Instant lastStart = to == null ? END_OF_TIME : to.minusMillis(1);
            List<RevenueView> hours = new ArrayList<>();
            ReadOnlyWindowStore<String, byte[]> store = store(TopologyProducer.REVENUE_STORE,
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
        return read(TopologyProducer.INVENTORY_STORE, productId, () -> {
            byte[] stored = store(TopologyProducer.INVENTORY_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore())
                    .get(productId);
            if (stored == null) {
                return new QueryResult.NotFound<>();
            }
            ProductStock stock = ProductStock.fromBytes(stored);
            return new QueryResult.Found<>(new InventoryView(productId, stock.quantity(),
                    stock.quantity() < lowStockBelow, ContractJson.time(stock.updatedAt()), stock.unitsSoldSinceReport(),
                    stock.estimatedQuantity()));
        });
    }

    private <T> QueryResult<T> read(String storeName, String key, Supplier<QueryResult<T>> answer) {
        QueryResult<T> notHere = ownership(storeName, key);
        if (notHere != null) {
            return notHere;
        }
        try {
            return answer.get();
        } catch (InvalidStateStoreException e) {
            return new QueryResult.Unavailable<>("the store " + storeName + " is not queryable now: " + e.getMessage());
        }
    }

    private <S> S store(String name, QueryableStoreType<S> type) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, type));
    }

    /** Null when this instance holds the key's active task; otherwise the answer to give instead. */
    private <T> QueryResult<T> ownership(String storeName, String key) {
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
        return null;
    }
}
