package io.storepulse.processor.archive;

import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records of one partition read since its last roll, already encoded as Parquet: one object per hour. The
 * range runs from the first offset read to the last one read, skipped records included, so consecutive rolls of a
 * partition cover its offsets without gaps or overlaps.
 */
final class Roll {

    private final ArchivedTopic topic;
    private final int partition;
    private final long openedAt;
    private final Map<Long, ParquetObject> objects = new TreeMap<>();
    private long first = -1;
    private long last = -1;
    private long oldestTimestamp = Long.MAX_VALUE;
    private long rows;

    Roll(ArchivedTopic topic, int partition, long openedAt) {
        this.topic = topic;
        this.partition = partition;
        this.openedAt = openedAt;
    }

    /** Counts a record in the range whether or not it becomes a row (undecodable and invalid ones do not). */
    void cover(long offset, long timestamp) {
        if (first < 0) {
            first = offset;
        }
        last = offset;
        oldestTimestamp = Math.min(oldestTimestamp, timestamp);
    }

    void add(SpecificRecord record, long hour, long offset) {
        objects.computeIfAbsent(hour, h -> new ParquetObject(topic)).write(record, partition, offset);
        rows++;
    }

    /** Whether a record of {@code hour} would need an object the plan has no room left to name. */
    boolean full(long hour) {
        return objects.size() >= RollPlan.MAX_HOURS && !objects.containsKey(hour);
    }

    boolean isEmpty() {
        return first < 0;
    }

    long first() {
        return first;
    }

    long last() {
        return last;
    }

    long rows() {
        return rows;
    }

    /** Records covered, rows or not: the measure of a roll's size. */
    long records() {
        return first < 0 ? 0 : last - first + 1;
    }

    long openedAt() {
        return openedAt;
    }

    long oldestTimestamp() {
        return oldestTimestamp;
    }

    long bufferedBytes() {
        long bytes = 0;
        for (ParquetObject object : objects.values()) {
            bytes += object.bufferedBytes();
        }
        return bytes;
    }

    /**
     * The finished objects and the plan naming them. A range with no row (every record skipped) still has a plan,
     * so the committed offset moves past it, and no object.
     */
    Sealed seal() {
        List<Sealed.Part> parts = new ArrayList<>(objects.size());
        for (Map.Entry<Long, ParquetObject> entry : objects.entrySet()) {
            ParquetObject object = entry.getValue();
            parts.add(new Sealed.Part(ArchiveKeys.key(topic.topic(), entry.getKey(), partition, first, last),
                    object.finish(), object.rows()));
        }
        RollPlan plan = new RollPlan(first, last, List.copyOf(objects.keySet()));
        return new Sealed(topic, partition, plan, parts, oldestTimestamp);
    }
}
