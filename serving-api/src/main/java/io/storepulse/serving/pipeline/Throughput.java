package io.storepulse.serving.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.storepulse.service.json.ContractJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events per second received on the input topics: over the last {@code span_seconds} up to {@code as_of}, overall
 * and per topic, and per sampling period for the recent past (oldest first).
 */
@RegisterForReflection
public record Throughput(
        @JsonProperty("events_per_second") double eventsPerSecond,
        @JsonProperty("topics") Map<String, Double> topics,
        @JsonProperty("span_seconds") double spanSeconds,
        @JsonProperty("as_of") String asOf,
        @JsonProperty("history") List<Point> history) {

    @RegisterForReflection
    public record Point(@JsonProperty("at") String at, @JsonProperty("events_per_second") double eventsPerSecond) {
    }

    public static Throughput of(InputRates.Rate rate, List<InputRates.Rate> history) {
        Map<String, Double> topics = new LinkedHashMap<>();
        rate.perTopic().forEach((topic, perSecond) -> topics.put(topic, tenths(perSecond)));
        return new Throughput(tenths(rate.perSecond()), topics, (rate.atMillis() - rate.fromMillis()) / 1000.0,
                ContractJson.time(rate.atMillis()),
                history.stream().map(each -> new Point(ContractJson.time(each.atMillis()), tenths(each.perSecond())))
                        .toList());
    }

    private static double tenths(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
