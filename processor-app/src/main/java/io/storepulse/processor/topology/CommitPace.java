package io.storepulse.processor.topology;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

import java.time.Duration;

/**
 * How often results are committed, and so become visible to {@code read_committed} readers. Under exactly-once each
 * commit costs a producer flush and a transaction, and the more often it happens the less work each one carries.
 *
 * <p>While the processor keeps up with its inputs, the records it handles were written moments ago and a reader
 * waits on the next commit: it then asks for one every {@code liveInterval}. While it works through a backlog, the
 * records were written long ago and a faster commit cannot make their results timely; it then leaves the commits to
 * the Kafka Streams commit interval ({@code kafka-streams.commit.interval.ms}), which is longer, so the backlog
 * drains faster. The processor counts as live while it has handled, within the last {@code liveLag}, a record
 * written at most {@code liveLag} before it was handled.
 *
 * <p>One instance serves every task of the application instance. Each input gate joins it, reports each record it
 * handles, and asks its task for the commits; under exactly-once a commit asked by one task commits every task of
 * its stream thread, so a thread asks at most once per live interval.
 */
final class CommitPace {

    private final long liveIntervalMillis;
    private final long liveLagMillis;
    /** Wall-clock time at which the newest live record was handled. */
    private volatile long liveSeenAt = Long.MIN_VALUE;
    /**
     * When a commit was last asked on this stream thread. A commit asked by one task commits all of the thread's
     * tasks, and each task's punctuator runs at its own phase: without this, a thread with n tasks would commit up
     * to n times per live interval.
     */
    private final ThreadLocal<long[]> askedAt = ThreadLocal.withInitial(() -> new long[] {Long.MIN_VALUE});

    CommitPace(Duration liveInterval, Duration liveLag) {
        if (liveInterval.isNegative() || liveInterval.isZero()) {
            throw new IllegalArgumentException("storepulse.commits.live-interval must be positive, not " + liveInterval);
        }
        if (liveLag.isNegative()) {
            throw new IllegalArgumentException("storepulse.commits.live-lag must not be negative, not " + liveLag);
        }
        this.liveIntervalMillis = liveInterval.toMillis();
        this.liveLagMillis = liveLag.toMillis();
    }

    /** Whether the processor keeps up: it handled a live record within the last live lag. */
    boolean live(long now) {
        return liveSeenAt != Long.MIN_VALUE && now - liveSeenAt <= liveLagMillis;
    }

    /** Schedules the task's punctuator; the returned member is told of each record the task handles. */
    Member join(ProcessorContext<?, ?> context) {
        Member member = new Member(context);
        context.schedule(Duration.ofMillis(liveIntervalMillis), PunctuationType.WALL_CLOCK_TIME, member::punctuate);
        return member;
    }

    /** One task's part: when it last handled a record. */
    final class Member {

        private final ProcessorContext<?, ?> context;
        private long handledAt = Long.MIN_VALUE;

        private Member(ProcessorContext<?, ?> context) {
            this.context = context;
        }

        /** A record written at {@code writtenAt} was handled at {@code now} (both wall-clock milliseconds). */
        void handled(long writtenAt, long now) {
            handledAt = now;
            if (now - writtenAt <= liveLagMillis && liveSeenAt != now) {
                liveSeenAt = now;
            }
        }

        /**
         * Asks for a commit while live, when the task handled records since its thread last asked (a commit asked by
         * another of the thread's tasks took this one's records too), at most once per live interval per thread.
         */
        private void punctuate(long now) {
            long[] threadAskedAt = askedAt.get();
            boolean neverAsked = threadAskedAt[0] == Long.MIN_VALUE;
            boolean handledSinceAsked = handledAt != Long.MIN_VALUE && (neverAsked || handledAt >= threadAskedAt[0]);
            boolean askedLately = !neverAsked && now - threadAskedAt[0] < liveIntervalMillis;
            if (!handledSinceAsked || askedLately || !live(now)) {
                return;
            }
            threadAskedAt[0] = now;
            context.commit();
        }
    }
}
