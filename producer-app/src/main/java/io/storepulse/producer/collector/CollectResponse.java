package io.storepulse.producer.collector;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The 202 answer: how many events were durably written and which were rejected, with why. */
@RegisterForReflection
public record CollectResponse(@JsonProperty("accepted") int accepted, @JsonProperty("rejected") List<Rejected> rejected) {

    @RegisterForReflection
    public record Rejected(@JsonProperty("index") int index, @JsonProperty("errors") List<String> errors) {
    }
}
