package io.storepulse.processor.query;

import io.storepulse.processor.revenue.RevenueContribution;
import io.storepulse.processor.topology.TopologyProducer;
import io.storepulse.service.json.ContractJson;
import io.storepulse.service.json.LocalTopRevenue;
import io.storepulse.service.json.RevenueView;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Revenue per product and event-time hour: one product's hours, and this instance's best sellers of an hour. */
@ApplicationScoped
public class RevenueQueries {

    static final Duration HOUR = Duration.ofHours(1);
    /** The last instant a window store accepts as a bound. */
    private static final Instant END_OF_TIME = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final StoreLocator locator;

    public RevenueQueries(StoreLocator locator) {
        this.locator = locator;
    }

    /** The window starts [first, last] of the hours overlapping [from, to); null when none can. */
    record HourStarts(Instant first, Instant last) {

        static HourStarts overlapping(Instant from, Instant to) {
            Instant first = from == null ? Instant.EPOCH : from.minus(HOUR).plusMillis(1);
            Instant last = to == null ? END_OF_TIME : to.minusMillis(1);
            return last.isBefore(first) ? null : new HourStarts(first, last);
        }
    }

    /** Hours overlapping [from, to), oldest first; either bound may be null; empty when the product has none. */
    public QueryResult<List<RevenueView>> revenue(String productId, Instant from, Instant to) {
        return locator.forKey(TopologyProducer.REVENUE_STORE, productId, partition -> {
            List<RevenueView> hours = new ArrayList<>();
            HourStarts starts = HourStarts.overlapping(from, to);
            if (starts == null) {
                return new QueryResult.Found<>(hours);
            }
            ReadOnlyWindowStore<String, byte[]> store = locator.store(TopologyProducer.REVENUE_STORE, partition,
                    QueryableStoreTypes.windowStore());
            try (WindowStoreIterator<byte[]> entries = store.fetch(productId, starts.first(), starts.last())) {
                entries.forEachRemaining(entry -> hours.add(RevenueView.of(
                        RevenueContribution.fromBytes(entry.value).toRevenue(productId))));
            }
            return new QueryResult.Found<>(hours);
        });
    }

    /**
     * The {@code limit} products with the most revenue in the event-time hour that starts at {@code hourStart},
     * among the products of this instance's active partitions.
     */
    public QueryResult<LocalTopRevenue> localTopRevenue(Instant hourStart, int limit) {
        return locator.acrossLocalProducts(TopologyProducer.REVENUE_STORE,
                QueryableStoreTypes.<String, byte[]>windowStore(), (partitions, stores) -> {
                    List<KeyValue<String, RevenueContribution>> hour = new ArrayList<>();
                    for (ReadOnlyWindowStore<String, byte[]> store : stores) {
                        try (KeyValueIterator<Windowed<String>, byte[]> entries = store.fetchAll(hourStart, hourStart)) {
                            entries.forEachRemaining(entry -> hour.add(KeyValue.pair(entry.key.key(),
                                    RevenueContribution.fromBytes(entry.value))));
                        }
                    }
                    return new LocalTopRevenue(locator.self(), partitions.count(), partitions.local(),
                            ContractJson.time(hourStart), ContractJson.time(hourStart.plus(HOUR)), top(hour, limit));
                });
    }

    /** The {@code limit} products with the most revenue, highest first; equal revenue ranks by product id. */
    static List<RevenueView> top(Collection<KeyValue<String, RevenueContribution>> products, int limit) {
        return products.stream()
                .sorted(Comparator.<KeyValue<String, RevenueContribution>>comparingLong(
                        product -> -product.value.revenueCents()).thenComparing(product -> product.key))
                .limit(limit)
                .map(product -> RevenueView.of(product.value.toRevenue(product.key)))
                .toList();
    }
}
