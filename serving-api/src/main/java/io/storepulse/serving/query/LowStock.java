package io.storepulse.serving.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.storepulse.service.json.InventoryView;

import java.util.List;

/** Products whose quantity is below {@code low_stock_below}: how many in all, and the lowest ones first. */
@RegisterForReflection
public record LowStock(
        @JsonProperty("low_stock_below") long lowStockBelow,
        @JsonProperty("total") long total,
        @JsonProperty("products") List<InventoryView> products) {
}
