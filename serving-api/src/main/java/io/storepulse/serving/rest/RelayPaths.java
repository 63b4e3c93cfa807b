package io.storepulse.serving.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Pieces of the processor URLs serving-api relays a request to. */
final class RelayPaths {

    private RelayPaths() {
    }

    /** {@code id} as one path segment: every character that is not unreserved, encoded. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code ?from=..&to=..} for the values present and not blank, URL-encoded, as given; empty when none. */
    static String range(String from, String to) {
        StringBuilder query = new StringBuilder();
        append(query, "from", from);
        append(query, "to", to);
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.append(query.length() == 0 ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
