package io.storepulse.processor.errors;

import java.time.Duration;
import java.time.Instant;

/** Names the reason a record went to {@code late-events}: older than its partition's stream time minus the grace. */
public final class LateEventException extends RuntimeException {

    private LateEventException() {
    }

    public static String message(long eventTimeMillis, long streamTimeMillis, long graceMillis) {
        return "event_time " + Instant.ofEpochMilli(eventTimeMillis) + " is older than the partition's stream time "
                + Instant.ofEpochMilli(streamTimeMillis) + " minus the grace period " + Duration.ofMillis(graceMillis);
    }
}
