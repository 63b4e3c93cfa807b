package io.storepulse.serving.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Checks of path and query parameters; a bad one is a {@link BadParameterException} naming it. */
final class Parameters {

    static final int ID_MAX_LENGTH = 64;
    /** Ids as the shop's systems make them: letters, digits and {@code . _ : @ ~ -}. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@~-]{1," + ID_MAX_LENGTH + "}");

    private Parameters() {
    }

    static String id(String name, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new BadParameterException(name, "must be 1-" + ID_MAX_LENGTH
                    + " characters of letters, digits and . _ : @ ~ -");
        }
        return value;
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
