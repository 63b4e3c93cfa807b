package io.storepulse.producer.collector;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every error answer of the collector: {"error": "..."}. */
@RegisterForReflection
public record ErrorResponse(@JsonProperty("error") String error) {
}
