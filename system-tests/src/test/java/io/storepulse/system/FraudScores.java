package io.storepulse.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.traffic.FraudPattern;
import io.storepulse.traffic.GeneratedRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Fraud alerts scored per rule against the generator's ground truth. An alert is true when its user ran the
 * pattern that trips its rule; an episode is detected when its user has at least one alert of its rule. Recall
 * counts only episodes that ended at least a minute before the last generated event: a later one may not have
 * tripped its rule yet.
 */
final class FraudScores {

    static final Map<FraudPattern, FraudRule> RULE_OF = Map.of(
            FraudPattern.CLICK_BOT, FraudRule.CLICK_RATE,
            FraudPattern.PURCHASE_VELOCITY, FraudRule.PURCHASE_VELOCITY,
            FraudPattern.AMOUNT_SPIKE, FraudRule.AMOUNT_SPIKE,
            FraudPattern.IMPOSSIBLE_TRAVEL, FraudRule.IMPOSSIBLE_TRAVEL,
            FraudPattern.CARD_TESTING, FraudRule.CARD_TESTING);
    private static final Duration SETTLE = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One injected episode, as its ground-truth record announced it. */
    record Episode(String userId, FraudPattern pattern, Instant start, Instant end, String json) {
        FraudRule rule() {
            return RULE_OF.get(pattern);
        }
    }

    /** One rule's line: its alerts, how many of them are true, its finished episodes and how many were detected. */
    record RuleScore(FraudRule rule, int alerts, int trueAlerts, int episodes, int detected) {
        double precision() {
            return alerts == 0 ? 0 : (double) trueAlerts / alerts;
        }

        double recall() {
            return episodes == 0 ? 0 : (double) detected / episodes;
        }
    }

    private final Map<String, Episode> episodes;
    private final Map<String, List<FraudAlert>> alertsByUser;
    private final List<FraudAlert> falseAlerts;
    private final List<Episode> missed;
    private final Map<FraudRule, RuleScore> scores = new EnumMap<>(FraudRule.class);

    private FraudScores(Map<String, Episode> episodes, List<FraudAlert> alerts, long lastEventTime) {
        this.episodes = episodes;
        this.alertsByUser = alerts.stream().collect(Collectors.groupingBy(FraudAlert::getUserId, TreeMap::new,
                Collectors.toList()));
        this.falseAlerts = alerts.stream().filter(alert -> !isTrue(alert)).toList();
        List<Episode> finished = episodes.values().stream()
                .filter(episode -> episode.end().plus(SETTLE).toEpochMilli() <= lastEventTime).toList();
        this.missed = finished.stream().filter(episode -> !detected(episode)).toList();
        for (FraudRule rule : FraudRule.values()) {
            List<FraudAlert> ofRule = alerts.stream().filter(alert -> alert.getRule() == rule).toList();
            List<Episode> episodesOfRule = finished.stream().filter(episode -> episode.rule() == rule).toList();
            scores.put(rule, new RuleScore(rule, ofRule.size(), (int) ofRule.stream().filter(this::isTrue).count(),
                    episodesOfRule.size(), (int) episodesOfRule.stream().filter(this::detected).count()));
        }
    }

    /** Scores {@code alerts} against the episodes announced by {@code groundTruth}. */
    static FraudScores of(List<GeneratedRecord> groundTruth, List<FraudAlert> alerts, long lastEventTime) {
        Map<String, Episode> episodes = new TreeMap<>();
        for (GeneratedRecord record : groundTruth) {
            Episode episode = episode(new String(record.value(), StandardCharsets.UTF_8));
            episodes.put(episode.userId(), episode);
        }
        return new FraudScores(episodes, alerts, lastEventTime);
    }

    Collection<RuleScore> rules() {
        return scores.values();
    }

    /** Finished episodes without an alert of their rule, in order of user. */
    List<Episode> missed() {
        return missed;
    }

    /** Alerts on a user who did not run the pattern of the alert's rule. */
    List<FraudAlert> falseAlerts() {
        return falseAlerts;
    }

    /** Alerts on a user who ran no episode at all. */
    List<FraudAlert> alertsWithoutEpisode() {
        return falseAlerts.stream().filter(alert -> !episodes.containsKey(alert.getUserId())).toList();
    }

    /** The user's episode, or null. */
    Episode episodeOf(String userId) {
        return episodes.get(userId);
    }

    List<FraudAlert> alertsOf(String userId) {
        return alertsByUser.getOrDefault(userId, List.of());
    }

    /** The table: rule, alerts, true, episodes, detected, precision, recall. */
    String table() {
        StringBuilder table = new StringBuilder(String.format("%-18s %7s %7s %9s %9s %10s %7s%n", "rule", "alerts",
                "true", "episodes", "detected", "precision", "recall"));
        for (RuleScore score : scores.values()) {
            table.append(String.format("%-18s %7d %7d %9d %9d %10.3f %7.3f%n", score.rule(), score.alerts(),
                    score.trueAlerts(), score.episodes(), score.detected(), score.precision(), score.recall()));
        }
        return table.toString();
    }

    private boolean isTrue(FraudAlert alert) {
        Episode episode = episodes.get(alert.getUserId());
        return episode != null && episode.rule() == alert.getRule();
    }

    private boolean detected(Episode episode) {
        return alertsOf(episode.userId()).stream().anyMatch(alert -> alert.getRule() == episode.rule());
    }

    private static Episode episode(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new Episode(node.get("user_id").asText(), FraudPattern.valueOf(node.get("pattern").asText()),
                    Instant.parse(node.get("start").asText()), Instant.parse(node.get("end").asText()), json);
        } catch (IOException e) {
            throw new UncheckedIOException("not a ground-truth record: " + json, e);
        }
    }
}
