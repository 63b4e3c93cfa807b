package io.storepulse.system;

import io.storepulse.avro.FraudAlert;
import io.storepulse.system.FraudScores.Episode;
import io.storepulse.system.TrafficFeed.ProducedRecord;
import io.storepulse.traffic.TrafficConfig;
import io.storepulse.traffic.TrafficGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection quality on the real pipeline: 600,000 generated records in which 1 % of new actors run one fraud
 * episode (announced on {@code ground-truth.fraud}), late, duplicate and malformed records included, are sent as fast
 * as the broker takes them through one processor. Once it has caught up, the committed fraud alerts are scored per
 * rule against the ground truth ({@link FraudScores}): precision and recall must each be at least 0.95 over at
 * least 20 finished episodes of every rule, and no user who never ran an episode may get any alert.
 *
 * <p>The seed is printed; {@code -Dstorepulse.fraud-seed=N} repeats a run.
 */
class FraudDetectionIT {

    private static final int RECORDS = 600_000;
    private static final double FRAUD_RATIO = 0.01;
    private static final double MIN_SCORE = 0.95;
    private static final int MIN_EPISODES = 20;
    /** A run takes well under a minute on two cores. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final int MISSES_SHOWN = 5;

    @Test
    void everyRuleHasPrecisionAndRecallOfAtLeast95PercentAndUsersWithoutEpisodeGetNoAlert(@TempDir Path work)
            throws Exception {
        long seed = Long.getLong("storepulse.fraud-seed", System.nanoTime());
        TrafficGenerator generator = new TrafficGenerator(traffic(seed, Instant.now()));
        try (LocalPipeline pipeline = LocalPipeline.startKafka(work)) {
            TrafficFeed feed = new TrafficFeed(pipeline.bootstrap(), generator, RECORDS, Duration.ZERO);
            LocalPipeline.UninterruptedRun run = pipeline.runUninterrupted(feed, work, RUN_TIMEOUT);
            List<ProducedRecord> produced = run.produced();
            List<FraudAlert> alerts = CommittedOutputs.readFraudAlerts(pipeline.bootstrap(), Duration.ofSeconds(60));
            FraudScores scores = FraudScores.of(feed.groundTruth(), alerts, generator.virtualTimeMillis());

            System.out.printf("fraud detection, seed %d: sent %,d records in %.1f s (%,d episodes announced), "
                            + "processor ready after %.1f s and caught up after %.1f s, %,d committed alerts%n%s",
                    seed, produced.size(), feed.sendingTime().toMillis() / 1e3, feed.groundTruth().size(),
                    run.ready().toMillis() / 1e3, run.caughtUp().toMillis() / 1e3, alerts.size(), scores.table());
            String misses = firstMisses(scores, produced);
            System.out.print(misses);
            assertThat(scores.rules()).allSatisfy(score -> {
                assertThat(score.episodes()).as(score.rule() + " finished episodes")
                        .isGreaterThanOrEqualTo(MIN_EPISODES);
                assertThat(score.precision()).as(score.rule() + " precision").isGreaterThanOrEqualTo(MIN_SCORE);
                assertThat(score.recall()).as(score.rule() + " recall").isGreaterThanOrEqualTo(MIN_SCORE);
            });
            assertThat(scores.alertsWithoutEpisode()).as("alerts on users who ran no episode").isEmpty();
        }
    }

    /**
     * Default traffic with more fraud, ending ten minutes before now or earlier: no event_time is ahead of the
     * processor's clock. It starts on a whole minute, so the same seed gives the same traffic, shifted in time.
     */
    private static TrafficConfig traffic(long seed, Instant now) {
        TrafficConfig config = TrafficConfig.defaults().withSeed(seed).withFraudRatio(FRAUD_RATIO);
        Instant start = now.minusMillis((long) (RECORDS * 1000 / config.rate())).minus(10, ChronoUnit.MINUTES)
                .truncatedTo(ChronoUnit.MINUTES);
        return config.withStart(start);
    }

    /** The first missed episodes and false alerts, each with the user's events and alerts. */
    private static String firstMisses(FraudScores scores, List<ProducedRecord> produced) {
        Set<String> users = new LinkedHashSet<>();
        scores.missed().stream().limit(MISSES_SHOWN).forEach(episode -> users.add(episode.userId()));
        scores.falseAlerts().stream().limit(MISSES_SHOWN).forEach(alert -> users.add(alert.getUserId()));
        if (users.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(String.format("%d missed episodes, %d false alerts; the first:%n",
                scores.missed().size(), scores.falseAlerts().size()));
        for (String user : users) {
            Episode episode = scores.episodeOf(user);
            text.append(String.format("user %s, episode %s%n", user, episode == null ? "none" : episode.json()));
            UserTimeline.eventsOf(user, produced).forEach(event -> text.append("  event ").append(event).append('\n'));
            scores.alertsOf(user).forEach(alert -> text.append("  alert ").append(UserTimeline.describe(alert))
                    .append('\n'));
        }
        return text.toString();
    }
}
