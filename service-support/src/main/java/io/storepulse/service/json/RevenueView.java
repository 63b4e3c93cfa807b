package io.storepulse.service.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.storepulse.avro.ProductRevenue;

import java.math.BigDecimal;

/** Revenue of one product in one event-time hour, as the REST API shows it (CONTRACT section 6). */
public record RevenueView(
        @JsonProperty("product_id") String productId,
        @JsonProperty("window_start") String windowStart,
        @JsonProperty("window_end") String windowEnd,
        @JsonProperty("revenue") BigDecimal revenue,
        @JsonProperty("units") long units,
        @JsonProperty("orders") long orders,
        @JsonProperty("avg_order_value") BigDecimal avgOrderValue) {

    public static RevenueView of(ProductRevenue r) {
        return new RevenueView(r.getProductId(), ContractJson.time(r.getWindowStart()), ContractJson.time(r.getWindowEnd()),
                ContractJson.money(r.getRevenue()), r.getUnits(), r.getOrders(), ContractJson.money(r.getAvgOrderValue()));
    }
}
