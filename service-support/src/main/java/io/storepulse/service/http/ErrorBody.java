package io.storepulse.service.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Every error answer of every app: {@code {"error": "..."}}. */
@RegisterForReflection
public record ErrorBody(@JsonProperty("error") String error) {
}
