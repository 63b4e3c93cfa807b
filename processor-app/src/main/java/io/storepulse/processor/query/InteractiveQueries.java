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
import io.storepulse.processor.topology.StoreKeys;
import io.storepulse.processor.topology.TopologyProducer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the processor's live state for one key: answers when this instance owns the key's partition (active
 * task), names the owner when another instance does, and says "not now" while the state is moving. Knows nothing
 * of HTTP.
 */
@ApplicationScoped
public class InteractiveQueries {

    private final KafkaStreams streams;
    private final HostInfo self;
    private final long lowStockBelow;

    public InteractiveQueries(KafkaStreams streams, ProcessorConfig config,
                              @ConfigProperty(name = "kafka-streams.application.server") String applicationServer) {
        this.streams = streams;
        this.self = HostInfo.buildFromEndpoint(applicationServer);
        this.lowStockBelow = config.inventory().lowStockBelow();
    }

    /** Sessions overlapping [from, to), newest first; either bound may be null. */
    public QueryResult<List<SessionView>> sessions(String userId, Instant from, Instant to) {
        return rangeOf(TopologyProducer.SESSION_STORE, userId, bytes -> {
            SessionSummary session = Codecs.SESSION.decode(bytes);
            boolean overlaps = (from == null || !session.getSessionEnd().isBefore(from))
                    && (to == null || session.getSessionStart().isBefore(to));
            return overlaps ? SessionView.of(session) : null;
        }, true);
    }

    /** Hours overlapping [from, to), oldest first; either bound may be null. */
    public QueryResult<List<RevenueView>> revenue(String productId, Instant from, Instant to) {
        return rangeOf(TopologyProducer.REVENUE_STORE, productId, bytes -> {
            ProductRevenue hour = RevenueContribution.fromBytes(bytes).toRevenue(productId);
            boolean overlaps = (from == null || hour.getWindowEnd().isAfter(from))
                    && (to == null || hour.getWindowStart().isBefore(to));
            return overlaps ? RevenueView.of(hour) : null;
        }, false);
    }

    public QueryResult<InventoryView> inventory(String productId) {
        QueryResult<InventoryView> notHere = ownership(TopologyProducer.INVENTORY_STORE, productId);
        if (notHere != null) {
            return notHere;
        }
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                    TopologyProducer.INVENTORY_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
            byte[] stored = store.get(productId);
            if (stored == null) {
                return new QueryResult.NotFound<>();
            }
            ProductStock stock = ProductStock.fromBytes(stored);
            return new QueryResult.Found<>(new InventoryView(productId, stock.quantity(),
                    stock.quantity() < lowStockBelow, ContractJson.time(stock.updatedAt())));
        } catch (InvalidStateStoreException e) {
            return new QueryResult.Unavailable<>("the inventory store is not queryable now: " + e.getMessage());
        }
    }

    private <T> QueryResult<List<T>> rangeOf(String storeName, String id, Function<byte[], T> view, boolean newestFirst) {
        QueryResult<List<T>> notHere = ownership(storeName, id);
        if (notHere != null) {
            return notHere;
        }
        List<T> items = new ArrayList<>();
        try {
            ReadOnlyKeyValueStore<Bytes, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                    storeName, QueryableStoreTypes.<Bytes, byte[]>keyValueStore()));
            Bytes[] range = StoreKeys.rangeOf(id);
            try (KeyValueIterator<Bytes, byte[]> entries = store.range(range[0], range[1])) {
                while (entries.hasNext()) {
                    T item = view.apply(entries.next().value);
                    if (item != null) {
                        items.add(item);
                    }
                }
            }
        } catch (InvalidStateStoreException e) {
            return new QueryResult.Unavailable<>("the store " + storeName + " is not queryable now: " + e.getMessage());
        }
        if (newestFirst) {
            Collections.reverse(items);
        }
        return new QueryResult.Found<>(items);
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
