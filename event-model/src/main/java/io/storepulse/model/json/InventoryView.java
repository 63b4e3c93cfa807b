package io.storepulse.model.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One product's stock, as the REST API shows it (CONTRACT section 6). */
public record InventoryView(
        @JsonProperty("product_id") String productId,
        @JsonProperty("current_quantity") long currentQuantity,
        @JsonProperty("low_stock") boolean lowStock,
        @JsonProperty("updated_at") String updatedAt) {
}
