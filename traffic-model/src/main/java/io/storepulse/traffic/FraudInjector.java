package io.storepulse.traffic;

import io.storepulse.avro.DeviceType;
import io.storepulse.model.Topics;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Starts fraud episodes, one pattern after the other in turn, and releases their events when the virtual clock
 * reaches them, interleaved with legit traffic. Each start yields the episode's ground-truth record.
 */
final class FraudInjector {

    private static final DeviceType[] DEVICES = DeviceType.values();

    private final EpisodePlanner[] planners;
    private final SplittableRandom random;
    private final IdSequence fraudsterIds;
    private final IdSequence sessionIds;
    private final IdSequence cardIds;
    private final PriorityQueue<ScheduledEvent> timeline = new PriorityQueue<>();
    private final long[] episodes = new long[FraudPattern.values().length];
    private int nextPlanner;
    private long scheduled;

    /** Fraudster ids carry the seed, so episodes of runs with different seeds never share a user. */
    FraudInjector(long seed, EpisodeTools tools, IdSequence sessionIds) {
        this.planners = new EpisodePlanner[] {
                new ClickBotEpisode(tools), new PurchaseVelocityEpisode(tools), new AmountSpikeEpisode(tools),
                new ImpossibleTravelEpisode(tools), new CardTestingEpisode(tools)};
        this.random = tools.random();
        this.fraudsterIds = new IdSequence("u-x" + Long.toHexString(seed) + "-");
        this.sessionIds = sessionIds;
        this.cardIds = tools.cardIds();
        this.nextPlanner = StableHash.below(seed, planners.length);
    }

    /** Plans the next episode from {@code now} on and returns its ground truth. */
    GeneratedRecord startEpisode(long now) {
        EpisodePlanner planner = planners[nextPlanner];
        nextPlanner = (nextPlanner + 1) % planners.length;
        Fraudster fraudster = newFraudster();
        List<SpecificRecord> events = planner.plan(fraudster, now);
        for (SpecificRecord event : events) {
            timeline.add(new ScheduledEvent(RecordEncoder.eventTime(event), scheduled++, event));
        }
        episodes[planner.pattern().ordinal()]++;
        long start = RecordEncoder.eventTime(events.get(0));
        long end = RecordEncoder.eventTime(events.get(events.size() - 1));
        return new GeneratedRecord(Topics.GROUND_TRUTH_FRAUD, fraudster.userId(),
                GroundTruthJson.of(fraudster.userId(), planner.pattern(), start, end), now, Origin.GROUND_TRUTH,
                null);
    }

    /** The earliest planned fraud event if its time has come, else null. */
    SpecificRecord pollDue(long now) {
        ScheduledEvent next = timeline.peek();
        if (next == null || next.time() > now) {
            return null;
        }
        return timeline.poll().event();
    }

    long episodes(FraudPattern pattern) {
        return episodes[pattern.ordinal()];
    }

    private Fraudster newFraudster() {
        int country = Countries.pick(random);
        return new Fraudster(fraudsterIds.next(), sessionIds.next(), country,
                Countries.ipAddress(country, random.nextLong()), DEVICES[random.nextInt(DEVICES.length)],
                cardIds.next());
    }

    /** {@code order} keeps events planned for the same millisecond in the order they were planned. */
    private record ScheduledEvent(long time, long order, SpecificRecord event) implements Comparable<ScheduledEvent> {
        @Override
        public int compareTo(ScheduledEvent other) {
            return time != other.time ? Long.compare(time, other.time) : Long.compare(order, other.order);
        }
    }
}
