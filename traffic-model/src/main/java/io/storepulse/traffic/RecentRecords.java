package io.storepulse.traffic;

import io.storepulse.model.Topics;

import java.util.SplittableRandom;

/**
 * The last events emitted, to resend as duplicates, and the last value per input topic, to truncate into
 * malformed records. Only recent ones, so a duplicate arrives within the grace period of its original and the
 * processor counts it once.
 */
final class RecentRecords {

    private static final int CAPACITY = 64;

    private final GeneratedRecord[] ring = new GeneratedRecord[CAPACITY];
    private int size;
    private int next;
    private byte[] lastClick;
    private byte[] lastPurchase;
    private byte[] lastInventory;

    /** Remembers original events that arrive within the grace period; resends and noise are not resent again. */
    void remember(GeneratedRecord record) {
        Origin origin = record.origin();
        if (origin != Origin.NORMAL && origin != Origin.FRAUD && origin != Origin.LATE) {
            return;
        }
        ring[next] = record;
        next = (next + 1) % CAPACITY;
        size = Math.min(size + 1, CAPACITY);
        switch (record.topic()) {
            case Topics.CLICK_EVENTS -> lastClick = record.value();
            case Topics.PURCHASE_EVENTS -> lastPurchase = record.value();
            default -> lastInventory = record.value();
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    GeneratedRecord pick(SplittableRandom random) {
        return ring[random.nextInt(size)];
    }

    /** The value of the last event remembered for an input topic; null when there was none yet. */
    byte[] lastValueOn(String topic) {
        return switch (topic) {
            case Topics.CLICK_EVENTS -> lastClick;
            case Topics.PURCHASE_EVENTS -> lastPurchase;
            default -> lastInventory;
        };
    }
}
