package io.storepulse.system;

import io.storepulse.model.Topics;
import io.storepulse.system.ArchiveBucket.CommittedRoll;
import io.storepulse.system.CommittedOutputs.TopicPartitionOffset;
import io.storepulse.system.PipelineResults.Diversion;
import io.storepulse.system.TrafficFeed.ProducedRecord;
import io.storepulse.traffic.TrafficConfig;
import io.storepulse.traffic.TrafficGenerator;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics archive exactly once under crashes (CONTRACT section 10): 300,000 generated records, fraudsters,
 * malformed, duplicate and late records included, are sent over 40 s while processor-app, archiver inside, is killed
 * with SIGKILL three times and restarted: once at a random point, once while a committed roll's objects are not yet
 * all in S3 (an upload in flight), once more at random or, when no upload was caught in flight, while S3 is stopped
 * so that one certainly is. Once everything is archived, DuckDB reads the downloaded objects: every (partition,
 * offset) of each input topic, except those the processor sent to a DLQ, and of fraud-alerts is in exactly one row,
 * and every row sits under the hour of its own time.
 *
 * <p>The seed of the traffic and of the kill delays is printed; {@code -Dstorepulse.crash-seed=N} repeats it.
 */
class ArchiveCrashIT {

    private static final int RECORDS = 300_000;
    private static final Duration FEED_TIME = Duration.ofSeconds(40);
    /** Records per second of event time: 300,000 span 1.7 hours, so rolls cut across hours. */
    private static final double EVENT_TIME_RATE = 50;
    private static final int USERS = 3_000;
    private static final double FRAUD_RATIO = 0.01;
    /** Short rolls, so that many commits and uploads fall between the kills. */
    private static final String ROLL_INTERVAL = "2s";
    /** Long enough for a restarted archiver to get its partitions (the killed member's 10 s session) and roll. */
    private static final Duration IN_FLIGHT_WATCH = Duration.ofSeconds(30);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(180);
    private static final List<String> ARCHIVED = List.of(Topics.CLICK_EVENTS, Topics.PURCHASE_EVENTS,
            Topics.INVENTORY_EVENTS, Topics.FRAUD_ALERTS);

    @Test
    void everyValidRecordAndAlertIsArchivedExactlyOnceAfterThreeSigkills(@TempDir Path work) throws Exception {
        long seed = Long.getLong("storepulse.crash-seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> summary = new ArrayList<>(List.of("archive crash test, seed " + seed));
        Instant now = Instant.now();
        Instant start = now.minusSeconds((long) (RECORDS / EVENT_TIME_RATE)).minus(10, ChronoUnit.MINUTES)
                .truncatedTo(ChronoUnit.MINUTES);
        TrafficConfig traffic = TrafficConfig.defaults().withSeed(seed).withStart(start).withRate(EVENT_TIME_RATE)
                .withUsers(USERS).withFraudRatio(FRAUD_RATIO);
        try (LocalPipeline pipeline = LocalPipeline.startKafkaAndS3(work);
             ArchiveBucket bucket = new ArchiveBucket(pipeline.s3Endpoint(), pipeline.bootstrap())) {
            pipeline.processorEnv("STOREPULSE_ARCHIVE_ROLL_INTERVAL", ROLL_INTERVAL);
            Path state = work.resolve("state");
            Process processor = pipeline.startReadyProcessor(state, work.resolve("processor-0.log"));
            TrafficFeed feed = new TrafficFeed(pipeline.bootstrap(), new TrafficGenerator(traffic), RECORDS, FEED_TIME);
            CompletableFuture<List<ProducedRecord>> sending = feed.start();
            boolean caughtInFlight = false;
            for (int kill = 1; kill <= 3; kill++) {
                String how;
                if (kill == 2) {
                    caughtInFlight = killDuringUpload(processor, bucket);
                    how = caughtInFlight ? "while a committed roll was being uploaded" : "at random (no upload caught)";
                } else if (kill == 3 && !caughtInFlight) {
                    killWhileS3IsDown(pipeline, processor, bucket);
                    caughtInFlight = true;
                    how = "while S3 was down and a committed roll waited for it";
                } else {
                    Thread.sleep(1_000 + random.nextInt(5_000));
                    processor.destroyForcibly().waitFor();
                    how = "at random";
                }
                summary.add(String.format("kill %d %s, %,d records sent", kill, how, feed.sent()));
                System.out.println(summary.get(summary.size() - 1));
                processor = pipeline.startReadyProcessor(state, work.resolve("processor-" + kill + ".log"));
            }
            List<ProducedRecord> produced = sending.get(FEED_TIME.toSeconds() + 120, TimeUnit.SECONDS);
            try (ProcessorLag lag = new ProcessorLag(pipeline.bootstrap())) {
                lag.awaitCaughtUp(processor, CATCH_UP_TIMEOUT);
            }
            CommittedOutputs outputs = CommittedOutputs.read(pipeline.bootstrap(), Duration.ofSeconds(60));
            Map<String, Set<Long>> expected = expected(produced, outputs);
            awaitArchived(bucket, processor, expected);
            Path objects = work.resolve("archive");
            int downloaded = bucket.download(objects);
            summary.add(String.format("%,d objects; expected rows: %s", downloaded, sizes(expected)));
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
                for (String topic : ARCHIVED) {
                    checkTopic(duck, objects, topic, expected.get(topic), summary);
                }
            }
            System.out.println(String.join("\n  ", summary));
            assertThat(caughtInFlight).as("one kill fell between a roll's commit and the end of its upload").isTrue();
            assertThat(expected.get(Topics.FRAUD_ALERTS)).as("fraud alerts to archive").isNotEmpty();
            assertThat(outputs.results().diverted().keySet()).as("DLQ'd records left out of the archive")
                    .anyMatch(diversion -> diversion.to().endsWith(".dlq"));
        }
    }

    /**
     * Watches the archiver's commits and kills the processor the moment a committed roll's objects are not all in
     * S3; true when they are still missing once the process is dead, that is when the kill fell between the roll's
     * commit and the end of its upload.
     */
    private static boolean killDuringUpload(Process processor, ArchiveBucket bucket) throws Exception {
        Set<CommittedRoll> seen = new HashSet<>(bucket.committedRolls());
        long deadline = System.nanoTime() + IN_FLIGHT_WATCH.toNanos();
        while (System.nanoTime() < deadline) {
            for (CommittedRoll roll : bucket.committedRolls()) {
                if (seen.add(roll) && !roll.hours().isEmpty() && !bucket.written(roll)) {
                    processor.destroyForcibly().waitFor();
                    return !bucket.written(roll);
                }
            }
        }
        processor.destroyForcibly().waitFor();
        return false;
    }

    /**
     * Waits until the restarted archiver commits (it owns its partitions once the killed member's session has
     * expired), stops S3, waits for a roll committed after that (its upload cannot succeed), kills, starts S3 again.
     */
    private static void killWhileS3IsDown(LocalPipeline pipeline, Process processor, ArchiveBucket bucket)
            throws Exception {
        awaitNewRoll(bucket, new HashSet<>(bucket.committedRolls()), "a roll committed by the restarted archiver");
        Set<CommittedRoll> before = new HashSet<>(bucket.committedRolls());
        pipeline.stopServer("s3");
        try {
            awaitNewRoll(bucket, before, "a roll committed while S3 is down");
            processor.destroyForcibly().waitFor();
        } finally {
            pipeline.startServer("s3");
        }
    }

    private static void awaitNewRoll(ArchiveBucket bucket, Set<CommittedRoll> before, String what) throws Exception {
        long deadline = System.nanoTime() + IN_FLIGHT_WATCH.toNanos();
        while (bucket.committedRolls().stream().allMatch(roll -> before.contains(roll) || roll.hours().isEmpty())) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * Per topic, the (partition, offset) pairs that must be in the archive, each packed as {@code partition << 40 |
     * offset}: every stored input record but those its topic's DLQ names, and every committed fraud alert.
     */
    private static Map<String, Set<Long>> expected(List<ProducedRecord> produced, CommittedOutputs outputs) {
        Map<String, Set<Long>> expected = new TreeMap<>();
        ARCHIVED.forEach(topic -> expected.put(topic, new HashSet<>()));
        produced.forEach(record -> expected.get(record.topic()).add(pack(record.partition(), record.offset())));
        for (Diversion diversion : outputs.results().diverted().keySet()) {
            if (diversion.to().equals(Topics.deadLetterOf(diversion.topic()))) {
                expected.get(diversion.topic()).remove(pack(diversion.partition(), diversion.offset()));
            }
        }
        for (TopicPartitionOffset alert : outputs.alertPositions()) {
            expected.get(Topics.FRAUD_ALERTS).add(pack(alert.partition(), alert.offset()));
        }
        return expected;
    }

    /**
     * Waits until every partition with records to archive has a committed roll reaching its last offset and all of
     * that roll's objects are in S3 (rolls are contiguous and uploaded in order, so then all earlier ones are too).
     */
    private static void awaitArchived(ArchiveBucket bucket, Process processor, Map<String, Set<Long>> expected)
            throws Exception {
        Map<TopicPartition, Long> lastOffsets = new HashMap<>();
        expected.forEach((topic, positions) -> positions.forEach(position -> lastOffsets.merge(
                new TopicPartition(topic, (int) (position >>> 40)), position & ((1L << 40) - 1), Math::max)));
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (true) {
            Map<TopicPartition, CommittedRoll> rolls = new HashMap<>();
            bucket.committedRolls().forEach(roll -> rolls.put(roll.partition(), roll));
            List<TopicPartition> behind = new ArrayList<>();
            for (Map.Entry<TopicPartition, Long> last : lastOffsets.entrySet()) {
                CommittedRoll roll = rolls.get(last.getKey());
                if (roll == null || roll.last() < last.getValue() || !bucket.written(roll)) {
                    behind.add(last.getKey());
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            assertThat(processor.isAlive()).as("the processor is running").isTrue();
            assertThat(System.nanoTime()).as("archive caught up within %d s; behind: %s", CATCH_UP_TIMEOUT.toSeconds(),
                    behind).isLessThan(deadline);
            Thread.sleep(1_000);
        }
    }

    /** Exactly the expected rows, each once, each under the hour of its own time. */
    private static void checkTopic(Connection duck, Path objects, String topic, Set<Long> expected,
                                   List<String> summary) throws SQLException {
        assertThat(Files.isDirectory(objects.resolve(topic))).as(topic + " has objects").isTrue();
        String rows = "read_parquet('" + objects.resolve(topic) + "/*/*/*.parquet', hive_partitioning = true)";
        String time = topic.equals(Topics.FRAUD_ALERTS) ? "detected_at" : "event_time";
        try (Statement statement = duck.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            try (ResultSet counts = statement.executeQuery("SELECT count(*), count(DISTINCT (kafka_partition, "
                    + "kafka_offset)), count(*) FILTER (WHERE strftime(" + time + ", '%Y-%m-%d') <> dt::VARCHAR "
                    + "OR hour(" + time + ") <> hour) FROM " + rows)) {
                counts.next();
                long all = counts.getLong(1);
                long distinct = counts.getLong(2);
                long misplaced = counts.getLong(3);
                summary.add(String.format("%s: %,d rows, %,d distinct (partition, offset), %,d expected, %,d under "
                        + "another hour than their %s", topic, all, distinct, expected.size(), misplaced, time));
                assertThat(all).as(topic + ": rows, each (partition, offset) once").isEqualTo(distinct);
                assertThat(misplaced).as(topic + ": rows under another hour than their " + time).isZero();
            }
            Set<Long> archived = new HashSet<>();
            try (ResultSet positions = statement.executeQuery("SELECT kafka_partition, kafka_offset FROM " + rows)) {
                while (positions.next()) {
                    archived.add(pack(positions.getInt(1), positions.getLong(2)));
                }
            }
            Set<Long> missing = new HashSet<>(expected);
            missing.removeAll(archived);
            Set<Long> extra = new HashSet<>(archived);
            extra.removeAll(expected);
            assertThat(unpack(missing)).as(topic + ": records not archived").isEmpty();
            assertThat(unpack(extra)).as(topic + ": rows of records that must not be archived (DLQ'd)").isEmpty();
        }
    }

    private static long pack(int partition, long offset) {
        return ((long) partition << 40) | offset;
    }

    private static List<String> unpack(Set<Long> positions) {
        return positions.stream().sorted().limit(20)
                .map(position -> (position >>> 40) + "@" + (position & ((1L << 40) - 1))).toList();
    }

    private static Map<String, Integer> sizes(Map<String, Set<Long>> expected) {
        Map<String, Integer> sizes = new TreeMap<>();
        expected.forEach((topic, positions) -> sizes.put(topic, positions.size()));
        return sizes;
    }
}
