package io.storepulse.serving.alerts;

import io.storepulse.avro.FraudAlert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The newest {@code retained} alerts read from fraud-alerts, and where the reader stands: kept in the order read
 * (the oldest read is the first to go, and a resuming stream replays in that order) and by {@code detected_at}
 * (then alert id, then position) for the list. No Kafka, no locking: {@link AlertLog} reads the topic and holds
 * the lock.
 */
final class RetainedAlerts {

    private static final Comparator<AlertEntry> BY_DETECTION = Comparator
            .comparing((AlertEntry entry) -> entry.alert().getDetectedAt())
            .thenComparing(entry -> entry.alert().getAlertId())
            .thenComparingInt(AlertEntry::partition)
            .thenComparingLong(AlertEntry::offset);

    /** What a subscriber missed: the retained alerts after its token, and the token to go on live from. */
    record Backlog(List<AlertEntry> entries, ResumeToken token, boolean complete) {
    }

    private final int retained;
    private final ArrayDeque<AlertEntry> inReadOrder = new ArrayDeque<>();
    private final TreeSet<AlertEntry> byDetection = new TreeSet<>(BY_DETECTION);
    /** The position after the newest alert read. */
    private ResumeToken position = ResumeToken.start(0);
    /** {@link #position} once the history up to the end of the topic has been read; null before. */
    private ResumeToken head;

    RetainedAlerts(int retained) {
        this.retained = retained;
    }

    /** Forgets everything: the reader starts again at {@code next} (per partition), history not read yet. */
    void restartAt(long[] next) {
        inReadOrder.clear();
        byDetection.clear();
        position = new ResumeToken(next.clone());
        head = null;
    }

    /** Keeps the alert at {@code offset} of {@code partition}, dropping the oldest read past the limit. */
    AlertEntry add(int partition, long offset, FraudAlert alert) {
        advance(partition, offset);
        AlertEntry entry = new AlertEntry(partition, offset, alert, position);
        inReadOrder.addLast(entry);
        byDetection.add(entry);
        if (inReadOrder.size() > retained) {
            byDetection.remove(inReadOrder.removeFirst());
        }
        return entry;
    }

    /** Steps past a record that is not an alert. */
    void skip(int partition, long offset) {
        advance(partition, offset);
    }

    /** The history has been read to the end of the topic: the log can answer, and streams can resume from here. */
    void markCaughtUp() {
        head = position;
    }

    boolean isCaughtUp() {
        return head != null;
    }

    /** The position after the newest alert read, once caught up; null before. */
    ResumeToken head() {
        return head;
    }

    int size() {
        return inReadOrder.size();
    }

    /**
     * Newest {@code detected_at} first (the same time: the greater alert id first), at most {@code limit}, detected
     * at or after {@code since} (epoch ms), whatever the partitions they were read from.
     */
    List<AlertEntry> newest(long since, int limit) {
        List<AlertEntry> newest = new ArrayList<>(Math.min(limit, byDetection.size()));
        var iterator = byDetection.descendingIterator();
        while (iterator.hasNext() && newest.size() < limit) {
            AlertEntry entry = iterator.next();
            if (entry.alert().getDetectedAt().toEpochMilli() < since) {
                break;
            }
            newest.add(entry);
        }
        return newest;
    }

    /**
     * The retained alerts a reader at {@code from} has not seen, in the order read (none for null: it starts now),
     * and whether that is all it missed: false when some of it was older than the oldest retained alert of a
     * partition, which the caller must then read from Kafka. Only once caught up.
     */
    Backlog backlog(ResumeToken from, int partitions) {
        if (from == null) {
            return new Backlog(List.of(), head, true);
        }
        List<AlertEntry> missed = new ArrayList<>();
        Map<Integer, Long> oldestRetained = new HashMap<>();
        for (AlertEntry entry : inReadOrder) {
            oldestRetained.putIfAbsent(entry.partition(), entry.offset());
            if (from.isBefore(entry.partition(), entry.offset())) {
                missed.add(entry);
            }
        }
        boolean complete = true;
        for (int p = 0; p < partitions; p++) {
            if (from.next(p) < oldestRetained.getOrDefault(p, head.next(p))) {
                complete = false;
            }
        }
        return new Backlog(missed, head, complete);
    }

    private void advance(int partition, long offset) {
        position = position.after(partition, offset);
        if (head != null) {
            head = position;
        }
    }
}
