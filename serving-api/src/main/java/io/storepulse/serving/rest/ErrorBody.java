package io.storepulse.serving.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every error answer: {"error": "..."}. */
@RegisterForReflection
public record ErrorBody(@JsonProperty("error") String error) {
}
