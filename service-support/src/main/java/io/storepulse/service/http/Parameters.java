package io.storepulse.service.http;

import io.storepulse.avro.Severity;
import io.storepulse.model.validation.EventRules;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Checks of path and query parameters, the same in every app; a bad one is a {@link BadParameterException}. */
public final class Parameters {

    private Parameters() {
    }

    /** An id as the collector accepts it ({@link EventRules#idProblem}): any id an event carried can be asked for. */
    public static String id(String name, String value) {
        String problem = EventRules.idProblem(value);
        if (problem != null) {
            throw new BadParameterException(name, problem);
        }
        return value;
    }

    /** An optional ISO-8601 instant; null when absent or blank. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, "must be an ISO-8601 instant such as 2026-11-21T10:00:00.000Z");
        }
    }

    /** An optional whole number from 1 to {@code max}; {@code byDefault} when absent or blank. */
    public static int limit(String name, String value, int byDefault, int max) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadParameterException(name, "must be a whole number from 1 to " + max);
    }

    /** An optional alert severity (LOW, MEDIUM or HIGH, in any case); {@code byDefault} when absent or blank. */
    public static Severity severity(String name, String value, Severity byDefault) {
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(name, "must be LOW, MEDIUM or HIGH");
        }
    }
}
