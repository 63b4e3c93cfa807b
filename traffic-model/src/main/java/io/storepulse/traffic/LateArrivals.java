package io.storepulse.traffic;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Legit events that reach the pipeline late. An event keeps the event time its shopper gave it and is held back:
 * LATE ones by 1 s to grace/2, LATE_BEYOND_GRACE ones by grace + 1 to 5 minutes. Holding back real events,
 * instead of inventing old ones, keeps every legit cap true in event time whatever arrives when.
 */
final class LateArrivals {

    static final long MIN_LATE_MILLIS = 1_000;
    static final long MIN_BEYOND_GRACE_MILLIS = 60_000;
    static final long MAX_BEYOND_GRACE_MILLIS = 5 * 60_000L;
    /** Some events must stay on time, or the search for one would never end. */
    private static final double MAX_HOLD_SHARE = 0.75;

    private final double lateRatio;
    private final double beyondGraceRatio;
    private final long lateMin;
    private final long lateMax;
    private final long beyondMin;
    private final long beyondMax;
    private final long lateHorizonTicks;
    private final long beyondHorizonTicks;
    private final SplittableRandom random;
    private final PriorityQueue<HeldRecord> held = new PriorityQueue<>();
    private long eventsSeen;
    private long holds;

    LateArrivals(TrafficConfig config, double millisPerTick, SplittableRandom random) {
        this.lateRatio = config.lateRatio();
        this.beyondGraceRatio = config.lateBeyondGraceRatio();
        this.random = random;
        long grace = config.grace().toMillis();
        // A held event goes out at the first tick after its release time, behind any other due release.
        long slack = MIN_LATE_MILLIS + (long) Math.ceil(2 * millisPerTick);
        lateMin = MIN_LATE_MILLIS;
        lateMax = Math.max(lateMin, grace / 2 - slack);
        beyondMin = grace + MIN_BEYOND_GRACE_MILLIS;
        beyondMax = Math.max(beyondMin, grace + MAX_BEYOND_GRACE_MILLIS - slack);
        lateHorizonTicks = (long) ((lateMin + lateMax) / 2.0 / millisPerTick);
        beyondHorizonTicks = (long) ((beyondMin + beyondMax) / 2.0 / millisPerTick);
    }

    /**
     * Decides how an on-time legit click or purchase arrives. {@code recordsSoFar} counts every record emitted,
     * so the ratios stay shares of all records however much fraud, stock movements and noise take.
     */
    Origin arrivalOf(long recordsSoFar) {
        eventsSeen++;
        double perRecord = (recordsSoFar + 1.0) / eventsSeen;
        double late = lateRatio * perRecord * catchUp(recordsSoFar, lateHorizonTicks);
        double beyond = beyondGraceRatio * perRecord * catchUp(recordsSoFar, beyondHorizonTicks);
        double scale = late + beyond > MAX_HOLD_SHARE ? MAX_HOLD_SHARE / (late + beyond) : 1.0;
        double roll = random.nextDouble();
        if (roll < late * scale) {
            return Origin.LATE;
        }
        if (roll < (late + beyond) * scale) {
            return Origin.LATE_BEYOND_GRACE;
        }
        return Origin.NORMAL;
    }

    /**
     * Nothing can arrive late before one average delay has passed, so during that first span twice the share is
     * held back; from two spans on, the emitted share matches the configured one.
     */
    private static double catchUp(long recordsSoFar, long horizonTicks) {
        return recordsSoFar < horizonTicks ? 2.0 : 1.0;
    }

    /** Holds back a LATE or LATE_BEYOND_GRACE record until it is as late as its origin says. */
    void hold(GeneratedRecord record) {
        long delay = record.origin() == Origin.LATE
                ? lateMin + random.nextLong(lateMax - lateMin + 1)
                : beyondMin + random.nextLong(beyondMax - beyondMin + 1);
        held.add(new HeldRecord(record.timestamp() + delay, holds++, record));
    }

    /** The held record released first, if its release time has come by {@code now}; else null. */
    GeneratedRecord releaseDue(long now) {
        HeldRecord next = held.peek();
        if (next == null || next.releaseAt() > now) {
            return null;
        }
        return held.poll().record();
    }

    private record HeldRecord(long releaseAt, long order, GeneratedRecord record) implements Comparable<HeldRecord> {
        @Override
        public int compareTo(HeldRecord other) {
            return releaseAt != other.releaseAt ? Long.compare(releaseAt, other.releaseAt)
                    : Long.compare(order, other.order);
        }
    }
}
