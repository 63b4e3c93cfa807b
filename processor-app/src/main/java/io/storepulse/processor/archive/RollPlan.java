package io.storepulse.processor.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A roll's promise, committed with the archiver's offset before any of its objects is written: the offset range
 * [{@code first}, {@code last}] of one partition and the hours its objects are in (none when every record of the range was skipped). Kafka keeps it as the committed
 * offset's metadata, so whoever owns the partition next can check that every object it names exists and, where one
 * does not, write the same range again under the same names.
 */
record RollPlan(long first, long last, List<Long> hours) {

    private static final String VERSION = "archive-roll/1";
    /** Kafka's default {@code offset.metadata.max.bytes} is 4096; the longest plan stays well below it. */
    static final int MAX_HOURS = 96;

    RollPlan {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("a roll's offsets must satisfy 0 <= first <= last, were " + first + ", " + last);
        }
        if (hours.size() > MAX_HOURS) {
            throw new IllegalArgumentException("a roll names at most " + MAX_HOURS + " hours, not " + hours.size());
        }
        hours = List.copyOf(hours);
    }

    /** The committed offset that goes with the plan: the next record to archive. */
    long nextOffset() {
        return last + 1;
    }

    List<String> keys(String topic, int partition) {
        List<String> keys = new ArrayList<>(hours.size());
        for (long hour : hours) {
            keys.add(ArchiveKeys.key(topic, hour, partition, first, last));
        }
        return keys;
    }

    String encode() {
        StringBuilder text = new StringBuilder(VERSION).append(';').append(first).append(';').append(last).append(';');
        for (int i = 0; i < hours.size(); i++) {
            text.append(i == 0 ? "" : ",").append(hours.get(i));
        }
        return text.toString();
    }

    /** The plan in committed metadata; empty for none (a group that never archived, or other metadata). */
    static Optional<RollPlan> decode(String metadata) {
        if (metadata == null || !metadata.startsWith(VERSION + ";")) {
            return Optional.empty();
        }
        String[] parts = metadata.split(";", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("unreadable archive plan in the committed offset's metadata: " + metadata);
        }
        List<Long> hours = new ArrayList<>();
        for (String hour : parts[3].split(",")) {
            if (!hour.isEmpty()) {
                hours.add(Long.parseLong(hour));
            }
        }
        return Optional.of(new RollPlan(Long.parseLong(parts[1]), Long.parseLong(parts[2]), hours));
    }
}
