package io.storepulse.service.json;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One processor instance's best-selling products of one event-time hour, from the partitions it holds active:
 * {@code partitions} of {@code partition_count} in all, so a reader can tell whether the instances it asked covered
 * every product exactly once. {@code products} are ranked by revenue, highest first.
 */
public record LocalTopRevenue(
        @JsonProperty("instance") String instance,
        @JsonProperty("partition_count") int partitionCount,
        @JsonProperty("partitions") List<Integer> partitions,
        @JsonProperty("window_start") String windowStart,
        @JsonProperty("window_end") String windowEnd,
        @JsonProperty("products") List<RevenueView> products) implements LocalAnswer {
}
