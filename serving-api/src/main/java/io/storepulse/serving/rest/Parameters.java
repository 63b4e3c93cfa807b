package io.storepulse.serving.rest;

import io.storepulse.model.validation.EventRules;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Checks of path and query parameters; a bad one is a {@link BadParameterException} naming it. */
final class Parameters {

    private Parameters() {
    }

    /** An id as the collector accepts it ({@link EventRules#idProblem}): any id an event carried can be asked for. */
    static String id(String name, String value) {
        String problem = EventRules.idProblem(value);
        if (problem != null) {
            throw new BadParameterException(name, problem);
        }
        return value;
    }

    /** {@code id} as one path segment of a URL to the processor: every character that is not unreserved, encoded. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** An optional ISO-8601 instant, returned as given (the processor parses it again). */
    static String instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            Instant.parse(value);
            return value;
        } catch (DateTimeParseException e) {
            throw new BadParameterException(name, "must be an ISO-8601 instant such as 2026-11-21T10:00:00.000Z");
        }
    }

    /** An optional whole number from 1 to {@code max}; {@code byDefault} when absent. */
    static int limit(String name, String value, int byDefault, int max) {
        if (value == null || value.isEmpty()) {
            return byDefault;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadParameterException(name, "must be a whole number from 1 to " + max);
    }

    /** {@code ?from=..&to=..} for the values present, URL-encoded; empty when none. */
    static String range(String from, String to) {
        StringBuilder query = new StringBuilder();
        append(query, "from", from);
        append(query, "to", to);
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
