package io.storepulse.service.json;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One processor instance's products low on stock (quantity below {@code low_stock_below}), from the partitions it
 * holds active: {@code total} of them, the {@code products} with the lowest quantity first.
 */
public record LocalLowStock(
        @JsonProperty("instance") String instance,
        @JsonProperty("partition_count") int partitionCount,
        @JsonProperty("partitions") List<Integer> partitions,
        @JsonProperty("low_stock_below") long lowStockBelow,
        @JsonProperty("total") long total,
        @JsonProperty("products") List<InventoryView> products) implements LocalAnswer {
}
