package io.storepulse.processor.archive;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Where an object lives (CONTRACT section 10): {@code <topic>/dt=YYYY-MM-DD/hour=HH/<name>.parquet}, the hour being
 * the records' time in UTC. The name is the topic, the partition and the first and last offsets of the roll it
 * belongs to, zero-padded so names sort by offset: {@code purchase-events-3-00000000000000001200-00000000000000004711}.
 * A roll is a contiguous offset range of one partition, and ranges never overlap, so a name is never reused for
 * other records; the same range always gives the same names.
 */
final class ArchiveKeys {

    static final long HOUR_MILLIS = 3_600_000L;

    private ArchiveKeys() {
    }

    /** Hours since the epoch, UTC: 10:59:59.999 is in hour 10, 11:00:00.000 in hour 11. */
    static long hourOf(Instant time) {
        return Math.floorDiv(time.toEpochMilli(), HOUR_MILLIS);
    }

    /** The Hive-style prefix of an hour: {@code click-events/dt=2026-12-05/hour=09/}. */
    static String prefix(String topic, long hour) {
        LocalDateTime start = LocalDateTime.ofEpochSecond(Math.multiplyExact(hour, 3600L), 0, ZoneOffset.UTC);
        return String.format("%s/dt=%s/hour=%02d/", topic, start.toLocalDate(), start.getHour());
    }

    static String key(String topic, long hour, int partition, long firstOffset, long lastOffset) {
        return prefix(topic, hour) + String.format("%s-%d-%020d-%020d.parquet", topic, partition, firstOffset, lastOffset);
    }
}
