package io.storepulse.traffic;

/**
 * Sessions waiting for their next step, by due millisecond: a hashed timing wheel of one-millisecond buckets,
 * each a first-in first-out list. At high rates millions of sessions are in progress at once, and a binary heap
 * of them spends most of the generator's time on cache misses; here adding and taking are constant time.
 * Sessions due in the same millisecond come out in the order they were added, so runs stay reproducible.
 */
final class DueSessions {

    /** One lap is longer than any pause between two steps; sessions due in a later lap are skipped until then. */
    private static final int BUCKETS = 1 << 16;
    private static final int MASK = BUCKETS - 1;

    private final ShoppingSession[] heads = new ShoppingSession[BUCKETS];
    private final ShoppingSession[] tails = new ShoppingSession[BUCKETS];
    private long cursor;
    private int size;

    /** {@code start} is the earliest time a session can be due. */
    DueSessions(long start) {
        this.cursor = start;
    }

    void add(ShoppingSession session) {
        if (session.dueAt < cursor) {
            throw new IllegalStateException("session " + session.sessionNumber() + " is due at " + session.dueAt
                    + ", before the queue's time " + cursor);
        }
        int bucket = (int) (session.dueAt & MASK);
        session.nextInBucket = null;
        if (heads[bucket] == null) {
            heads[bucket] = session;
        } else {
            tails[bucket].nextInBucket = session;
        }
        tails[bucket] = session;
        size++;
    }

    /** The session due first if it is due by {@code now}, removed from the queue; null when none is due. */
    ShoppingSession pollDue(long now) {
        if (size == 0) {
            cursor = Math.max(cursor, now);
            return null;
        }
        while (cursor <= now) {
            ShoppingSession due = takeDueAt(cursor);
            if (due != null) {
                return due;
            }
            cursor++;
        }
        return null;
    }

    int size() {
        return size;
    }

    private ShoppingSession takeDueAt(long time) {
        int bucket = (int) (time & MASK);
        ShoppingSession previous = null;
        for (ShoppingSession session = heads[bucket]; session != null; session = session.nextInBucket) {
            if (session.dueAt == time) {
                unlink(bucket, previous, session);
                return session;
            }
            previous = session;
        }
        return null;
    }

    private void unlink(int bucket, ShoppingSession previous, ShoppingSession session) {
        if (previous == null) {
            heads[bucket] = session.nextInBucket;
        } else {
            previous.nextInBucket = session.nextInBucket;
        }
        if (tails[bucket] == session) {
            tails[bucket] = previous;
        }
        session.nextInBucket = null;
        size--;
    }
}
