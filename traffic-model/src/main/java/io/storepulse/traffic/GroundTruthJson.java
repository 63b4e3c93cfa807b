package io.storepulse.traffic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The ground-truth record of CONTRACT section 5, as UTF-8 JSON bytes. */
final class GroundTruthJson {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private GroundTruthJson() {
    }

    /** User ids are generator-made ({@code u-x...}), so they need no JSON escaping. */
    static byte[] of(String userId, FraudPattern pattern, long start, long end) {
        String json = "{\"user_id\":\"" + userId
                + "\",\"pattern\":\"" + pattern.name()
                + "\",\"start\":\"" + MILLIS.format(Instant.ofEpochMilli(start))
                + "\",\"end\":\"" + MILLIS.format(Instant.ofEpochMilli(end))
                + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
