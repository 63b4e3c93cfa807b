package io.storepulse.serving.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.storepulse.service.json.RevenueView;

import java.util.List;

/** The products with the most revenue in one event-time hour, highest first. */
@RegisterForReflection
public record TopProducts(
        @JsonProperty("window_start") String windowStart,
        @JsonProperty("window_end") String windowEnd,
        @JsonProperty("products") List<RevenueView> products) {
}
