package io.storepulse.processor.query;

import io.storepulse.processor.config.ProcessorConfig;
import io.storepulse.processor.inventory.ProductStock;
import io.storepulse.processor.topology.TopologyProducer;
import io.storepulse.service.json.ContractJson;
import io.storepulse.service.json.InventoryView;
import io.storepulse.service.json.LocalLowStock;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Stock per product: one product's, and this instance's products below the low-stock threshold. */
@ApplicationScoped
public class InventoryQueries {

    private final StoreLocator locator;
    private final long lowStockBelow;

    public InventoryQueries(StoreLocator locator, ProcessorConfig config) {
        this.locator = locator;
        this.lowStockBelow = config.inventory().lowStockBelow();
    }

    public QueryResult<InventoryView> inventory(String productId) {
        return locator.forKey(TopologyProducer.INVENTORY_STORE, productId, partition -> {
            byte[] stored = locator.store(TopologyProducer.INVENTORY_STORE, partition,
                    QueryableStoreTypes.<String, byte[]>keyValueStore()).get(productId);
            if (stored == null) {
                return new QueryResult.NotFound<>();
            }
            return new QueryResult.Found<>(view(productId, ProductStock.fromBytes(stored), lowStockBelow));
        });
    }

    /**
     * The products of this instance's active partitions whose quantity is below the low-stock threshold: how many,
     * and the {@code limit} with the lowest quantity.
     */
    public QueryResult<LocalLowStock> localLowStock(int limit) {
        return locator.acrossLocalProducts(TopologyProducer.INVENTORY_STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore(), (partitions, stores) -> {
                    List<InventoryView> low = new ArrayList<>();
                    for (ReadOnlyKeyValueStore<String, byte[]> store : stores) {
                        try (KeyValueIterator<String, byte[]> entries = store.all()) {
                            entries.forEachRemaining(entry -> {
                                ProductStock stock = ProductStock.fromBytes(entry.value);
                                if (stock.quantity() < lowStockBelow) {
                                    low.add(view(entry.key, stock, lowStockBelow));
                                }
                            });
                        }
                    }
                    return new LocalLowStock(locator.self(), partitions.count(), partitions.local(), lowStockBelow,
                            low.size(), lowest(low, limit));
                });
    }

    /** The {@code limit} lowest quantities first; equal quantities by product id. */
    static List<InventoryView> lowest(Collection<InventoryView> low, int limit) {
        return low.stream()
                .sorted(Comparator.comparingLong(InventoryView::currentQuantity).thenComparing(InventoryView::productId))
                .limit(limit)
                .toList();
    }

    static InventoryView view(String productId, ProductStock stock, long lowStockBelow) {
        return new InventoryView(productId, stock.quantity(), stock.quantity() < lowStockBelow,
                ContractJson.time(stock.updatedAt()), stock.unitsSoldSinceReport(), stock.estimatedQuantity());
    }
}
