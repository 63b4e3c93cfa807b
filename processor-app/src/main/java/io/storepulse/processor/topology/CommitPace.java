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
 * <p>One instance serves every task of the application instance; the input gates report each record to it, and each
 * gate asks its task for the commits. Under exactly-once a commit asked by one task commits every task of its thread.
 */
final class CommitPace {

    private final Duration liveInterval;
    private final long liveLagMillis;
    /** Wall-clock time at which the newest live record was handled. */
    private volatile long liveSeenAt = Long.MIN_VALUE;

    CommitPace(Duration liveInterval, Duration liveLag) {
        if (liveInterval.isNegative() || liveInterval.isZero()) {
            throw new IllegalArgumentException("storepulse.commits.live-interval must be positive, not " + liveInterval);
        }
        if (liveLag.isNegative()) {
            throw new IllegalArgumentException("storepulse.commits.live-lag must not be negative, not " + liveLag);
        }
        this.liveInterval = liveInterval;
        this.liveLagMillis = liveLag.toMillis();
    }

    /** A record written at {@code writtenAt} was handled at {@code now} (both wall-clock milliseconds). */
    void handled(long writtenAt, long now) {
        if (now - writtenAt <= liveLagMillis && liveSeenAt != now) {
            liveSeenAt = now;
        }
    }

    /** Whether the processor keeps up: it handled a live record within the last live lag. */
    boolean live(long now) {
        return liveSeenAt != Long.MIN_VALUE && now - liveSeenAt <= liveLagMillis;
    }

    /** Asks the task for a commit every live interval while live; a task with nothing new to commit ignores it. */
    void schedule(ProcessorContext<?, ?> context) {
        context.schedule(liveInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (live(now)) {
                context.commit();
            }
        });
    }
}
