package io.storepulse.service.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One product's stock, as the REST API shows it (CONTRACT section 6), plus what the purchases joined with it add:
 * the units sold after the newest inventory report (by event time) and the reported quantity minus those.
 */
public record InventoryView(
        @JsonProperty("product_id") String productId,
        @JsonProperty("current_quantity") long currentQuantity,
        @JsonProperty("low_stock") boolean lowStock,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("units_sold_since_report") long unitsSoldSinceReport,
        @JsonProperty("estimated_quantity") long estimatedQuantity) {
}
