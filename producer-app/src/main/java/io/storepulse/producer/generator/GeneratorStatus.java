package io.storepulse.producer.generator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Map;

/** {@code GET /v1/generator}: whether it runs, at what rate, and what it has sent since the app started. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeneratorStatus(
        @JsonProperty("running") boolean running,
        @JsonProperty("rate") int rate,
        @JsonProperty("seed") long seed,
        @JsonProperty("run_seed") Long runSeed,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("event_time") String eventTime,
        @JsonProperty("totals") Totals totals) {

    /** Since the app started, over every run; {@code by_origin} splits what was generated. */
    @RegisterForReflection
    public record Totals(
            @JsonProperty("generated") long generated,
            @JsonProperty("acknowledged") long acknowledged,
            @JsonProperty("failed") long failed,
            @JsonProperty("in_flight") long inFlight,
            @JsonProperty("by_origin") Map<String, Long> byOrigin) {
    }
}
