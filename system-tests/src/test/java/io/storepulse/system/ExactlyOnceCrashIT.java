package io.storepulse.system;

import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.model.Topics;
import io.storepulse.system.TrafficFeed.ProducedRecord;
import io.storepulse.traffic.Origin;
import io.storepulse.traffic.TrafficConfig;
import io.storepulse.traffic.TrafficGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once under crashes: 200,000 generated records, malformed, duplicate and late ones and 1 % fraudsters
 * included, are sent over 45 s while processor-app is killed with SIGKILL three times at random points and
 * restarted. Once it has caught up, every committed output, and every product's stock as the processor answers it,
 * must equal what {@link Oracle} works out from the records as the broker stored them, and every committed fraud
 * alert what {@link FraudOracle} works out from the same records: no crash may lose or double-count anything. The
 * same records are then sent to a fresh broker at once and processed by one processor that is never stopped: both
 * runs must commit the same fraud alerts, each alert_id once ({@link AlertComparison}).
 *
 * <p>The seed of the traffic and of the kill delays is printed; {@code -Dstorepulse.crash-seed=N} repeats it.
 */
class ExactlyOnceCrashIT {

    private static final int RECORDS = 200_000;
    private static final Duration FEED_TIME = Duration.ofSeconds(45);
    /** Records per second of event time: 200,000 span 2.8 hours, so hours, 1-hour features and sessions roll over. */
    private static final double EVENT_TIME_RATE = 20;
    /** Few enough that most users come back for several sessions. */
    private static final int USERS = 3_000;
    /** About 40 episodes of every fraud pattern, so the kills fall into some. */
    private static final double FRAUD_RATIO = 0.01;
    private static final int KILLS = 3;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(120);
    /**
     * How long a task waits for an input partition with nothing to read. The feed writes live while the crashed
     * processor reads, the uninterrupted one finds everything written: only with this wait do both merge a user's
     * clicks and purchases in event-time order, which IMPOSSIBLE_TRAVEL's alerts depend on (docs/ARCHITECTURE.md,
     * "Processing order"). With 0, a purchase still in the feed's batch is passed over live and an alert can end
     * at another event than in the replay, which is no crash's doing. The feed never pauses this long.
     */
    private static final String TASK_IDLE_MS = "5000";
    private static final List<String> DEAD_LETTER_TOPICS = Topics.INPUTS.stream().map(Topics::deadLetterOf).toList();

    @Test
    void committedOutputsAndAlertsMatchTheOraclesAndAnUninterruptedRunAfterThreeSigkills(@TempDir Path work)
            throws Exception {
        long seed = Long.getLong("storepulse.crash-seed", System.nanoTime());
        List<String> summary = new ArrayList<>(List.of("exactly-once crash test, seed " + seed));
        Instant now = Instant.now();
        TrafficConfig traffic = traffic(seed, now);
        Mismatches mismatches = new Mismatches();
        List<ProducedRecord> produced;
        Oracle oracle;
        List<FraudAlert> crashed;
        FraudOracle fraud;
        Path crashes = work.resolve("crashes");
        try (LocalPipeline pipeline = LocalPipeline.startKafka(crashes)) {
            pipeline.processorEnv("KAFKA_STREAMS_MAX_TASK_IDLE_MS", TASK_IDLE_MS);
            int processorPort = LocalPipeline.freePort();
            produced = feedThroughCrashes(pipeline, processorPort, crashes, traffic, new Random(seed), summary);
            oracle = Oracle.of(produced, now);
            CommittedOutputs outputs = CommittedOutputs.read(pipeline.bootstrap(), Duration.ofSeconds(60));
            oracle.compare(produced, outputs, mismatches, summary);
            oracle.compareStock("http://127.0.0.1:" + processorPort, mismatches, summary);
            crashed = outputs.fraudAlerts();
            fraud = oracle.fraud();
            fraud.compare(crashed, mismatches, summary);
        }
        List<FraudAlert> uninterrupted = alertsWithoutCrashes(work.resolve("uninterrupted"), traffic, produced,
                mismatches, summary);
        AlertComparison.compare("uninterrupted", uninterrupted, "after crashes", crashed, produced, mismatches,
                summary);
        System.out.println(String.join("\n  ", summary));
        mismatches.assertNone();
        // Equal outputs prove something only when the traffic held what a crash could get wrong.
        assertThat(oracle.duplicates()).as("duplicates counted once").isPositive();
        assertThat(oracle.results().divertedTo(Topics.LATE_EVENTS)).as("late events").isPositive();
        assertThat(oracle.results().totalOrders()).as("orders").isPositive();
        assertThat(oracle.stock()).as("products with stock reports").isNotEmpty();
        assertThat(DEAD_LETTER_TOPICS.stream().mapToLong(oracle.results()::divertedTo).sum()).as("dead letters")
                .isPositive();
        assertThat(fraud.expectedByRule()).as("fraud alerts the oracle expects, by rule")
                .containsKeys(FraudRule.values());
    }

    private static TrafficConfig traffic(long seed, Instant now) {
        return TrafficFeed.pastTraffic(seed, now, RECORDS, EVENT_TIME_RATE).withUsers(USERS).withFraudRatio(FRAUD_RATIO);
    }

    /**
     * Sends the traffic while killing the processor {@value #KILLS} times, 1 to 5 s (drawn from {@code random})
     * after it became ready again, each time on {@code port}, then waits until it has caught up; returns the records as
     * the broker stored them.
     */
    private static List<ProducedRecord> feedThroughCrashes(LocalPipeline pipeline, int port, Path work,
                                                           TrafficConfig traffic, Random random, List<String> summary)
            throws Exception {
        TrafficGenerator generator = new TrafficGenerator(traffic);
        Path state = work.resolve("state-0");
        Process processor = pipeline.startReadyProcessor(port, state, work.resolve("processor-0.log"));
        TrafficFeed feed = new TrafficFeed(pipeline.bootstrap(), generator, RECORDS, FEED_TIME);
        long feedStart = System.nanoTime();
        CompletableFuture<List<ProducedRecord>> sending = feed.start();
        try (ProcessorLag lag = new ProcessorLag(pipeline.bootstrap())) {
            for (int kill = 1; kill <= KILLS; kill++) {
                Thread.sleep(1_000 + random.nextInt(4_000));
                ProcessorLag.Progress progress = lag.progress();
                processor.destroyForcibly().waitFor();
                summary.add(String.format("kill %d at %.1f s: %,d records sent, %,d input records committed, lag %,d",
                        kill, secondsSince(feedStart), feed.sent(), progress.committedInputs(), progress.lag()));
                System.out.println(summary.get(summary.size() - 1));
                // A kill proves something only if the processor had records it had not committed yet.
                assertThat(progress.lag()).as("kill %d landed while input records were in flight", kill).isPositive();
                // Odd kills restart on a fresh state dir: every store is restored from its changelog, under a new
                // process id. Even kills reuse the killed JVM's dir: same process id, so its transactions are fenced.
                if (kill % 2 == 1) {
                    state = work.resolve("state-" + kill);
                }
                processor = pipeline.startReadyProcessor(port, state, work.resolve("processor-" + kill + ".log"));
            }
            List<ProducedRecord> produced = sending.get(FEED_TIME.toSeconds() + 60, TimeUnit.SECONDS);
            lag.awaitCaughtUp(processor, CATCH_UP_TIMEOUT);
            double sentIn = feed.sendingTime().toMillis() / 1e3;
            summary.add(String.format("sent %,d records in %.1f s: %s", produced.size(), sentIn, origins(produced)));
            summary.add(String.format("caught up %.1f s after the last record was sent (%.1f s after the first)",
                    secondsSince(feedStart) - sentIn, secondsSince(feedStart)));
            return produced;
        }
    }

    /**
     * Sends the same traffic at once to a fresh broker, through one processor that is never stopped, checks that the
     * broker stored the records as in the crash run, and returns the fraud alerts committed.
     */
    private static List<FraudAlert> alertsWithoutCrashes(Path work, TrafficConfig traffic,
                                                         List<ProducedRecord> produced, Mismatches mismatches,
                                                         List<String> summary) throws Exception {
        try (LocalPipeline pipeline = LocalPipeline.startKafka(work)) {
            pipeline.processorEnv("KAFKA_STREAMS_MAX_TASK_IDLE_MS", TASK_IDLE_MS);
            LocalPipeline.UninterruptedRun run = pipeline.runUninterrupted(new TrafficFeed(pipeline.bootstrap(),
                    new TrafficGenerator(traffic), RECORDS, Duration.ZERO), work, CATCH_UP_TIMEOUT);
            mismatches.compare("input record", stored(produced), stored(run.produced()));
            summary.add(String.format("uninterrupted run on a fresh broker: the same records sent at once, processor "
                    + "ready after %.1f s, caught up after %.1f s", run.ready().toMillis() / 1e3,
                    run.caughtUp().toMillis() / 1e3));
            return CommittedOutputs.readFraudAlerts(pipeline.bootstrap(), Duration.ofSeconds(60));
        }
    }

    /** A stored record's key and value, equal when their bytes are. */
    private record KeyAndValue(String key, ByteBuffer value) {
    }

    /** Each input record's key and value by where the broker stored it. */
    private static Map<String, KeyAndValue> stored(List<ProducedRecord> produced) {
        Map<String, KeyAndValue> stored = new HashMap<>();
        produced.forEach(record -> stored.put(record.topic() + "-" + record.partition() + "@" + record.offset(),
                new KeyAndValue(record.key(), ByteBuffer.wrap(record.value()))));
        return stored;
    }

    private static Map<Origin, Long> origins(List<ProducedRecord> produced) {
        return produced.stream().collect(Collectors.groupingBy(ProducedRecord::origin, () -> new EnumMap<>(Origin.class),
                Collectors.counting()));
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }
}
