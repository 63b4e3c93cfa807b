package io.storepulse.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storepulse.model.Topics;
import io.storepulse.traffic.ReferenceFraudChecker.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class FraudGroundTruthTest {

    private static final int RECORDS = 1_000_000;
    private static final Pattern TIME_WITH_MILLIS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    private static final Map<FraudPattern, Rule> RULE_OF = Map.of(
            FraudPattern.CLICK_BOT, Rule.CLICK_RATE,
            FraudPattern.PURCHASE_VELOCITY, Rule.PURCHASE_VELOCITY,
            FraudPattern.AMOUNT_SPIKE, Rule.AMOUNT_SPIKE,
            FraudPattern.IMPOSSIBLE_TRAVEL, Rule.IMPOSSIBLE_TRAVEL,
            FraudPattern.CARD_TESTING, Rule.CARD_TESTING);

    private record Episode(String userId, FraudPattern pattern, long start, long end, String json) {
    }

    private static final ReferenceFraudChecker checker = new ReferenceFraudChecker();
    private static final List<Episode> episodes = new ArrayList<>();
    private static final Set<String> fraudEventUsers = new HashSet<>();
    private static final Set<String> legitEventUsers = new HashSet<>();
    private static long endOfRun;

    @BeforeAll
    static void generate() throws IOException {
        ObjectMapper json = new ObjectMapper();
        TrafficGenerator generator = new TrafficGenerator(TrafficConfig.defaults().withSeed(7).withFraudRatio(0.01));
        for (int i = 0; i < RECORDS; i++) {
            GeneratedRecord record = generator.next();
            checker.accept(record);
            switch (record.origin()) {
                case GROUND_TRUTH -> {
                    String text = new String(record.value(), StandardCharsets.UTF_8);
                    JsonNode node = json.readTree(text);
                    assertThat(record.topic()).isEqualTo(Topics.GROUND_TRUTH_FRAUD);
                    assertThat(record.key()).isEqualTo(node.get("user_id").asText());
                    episodes.add(new Episode(node.get("user_id").asText(),
                            FraudPattern.valueOf(node.get("pattern").asText()),
                            Instant.parse(node.get("start").asText()).toEpochMilli(),
                            Instant.parse(node.get("end").asText()).toEpochMilli(), text));
                }
                case FRAUD -> fraudEventUsers.add(record.key());
                case NORMAL, LATE, LATE_BEYOND_GRACE -> {
                    if (!record.topic().equals(Topics.INVENTORY_EVENTS)) {
                        legitEventUsers.add(record.key());
                    }
                }
                default -> {
                }
            }
            endOfRun = generator.virtualTimeMillis();
        }
    }

    @Test
    void injectsAtLeastFiftyEpisodesOfEveryPattern() {
        Map<FraudPattern, Integer> perPattern = new EnumMap<>(FraudPattern.class);
        episodes.forEach(e -> perPattern.merge(e.pattern(), 1, Integer::sum));
        assertThat(perPattern).hasSize(FraudPattern.values().length);
        assertThat(perPattern.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(50));
    }

    @Test
    void groundTruthIsTheContractJsonWithMillisecondTimes() {
        assertThat(episodes).allSatisfy(e -> {
            assertThat(e.json()).startsWith("{\"user_id\":\"" + e.userId() + "\",\"pattern\":\"" + e.pattern() + "\"");
            assertThat(e.json().split("\"start\":\"")[1].substring(0, 24)).matches(TIME_WITH_MILLIS);
            assertThat(e.json().split("\"end\":\"")[1].substring(0, 24)).matches(TIME_WITH_MILLIS);
            assertThat(e.start()).isLessThanOrEqualTo(e.end());
        });
    }

    @Test
    void everyFinishedEpisodeTripsItsOwnRuleAndNoOther() {
        List<Episode> finished = episodes.stream().filter(e -> e.end() + 60_000 < endOfRun).toList();
        assertThat(finished).hasSizeGreaterThan(250);
        assertThat(finished).allSatisfy(e -> {
            assertThat(checker.rulesTrippedBy(e.userId())).as(e.json()).containsExactly(RULE_OF.get(e.pattern()));
            assertThat(checker.firstEventTime(e.userId())).as(e.json()).isEqualTo(e.start());
            assertThat(checker.lastEventTime(e.userId())).as(e.json()).isEqualTo(e.end());
        });
    }

    @Test
    void noLegitUserTripsAnyRule() {
        Set<String> fraudsters = new HashSet<>();
        episodes.forEach(e -> fraudsters.add(e.userId()));
        List<String> legitUsers = checker.users().stream().filter(u -> !fraudsters.contains(u)).toList();
        assertThat(legitUsers).hasSizeGreaterThan(10_000);
        List<String> tripping = legitUsers.stream()
                .filter(u -> !checker.rulesTrippedBy(u).isEmpty())
                .map(u -> u + " " + checker.rulesTrippedBy(u))
                .toList();
        assertThat(tripping).isEmpty();
    }

    @Test
    void fraudstersAndLegitUsersNeverShareAnId() {
        Set<String> fraudsters = new HashSet<>();
        episodes.forEach(e -> fraudsters.add(e.userId()));
        assertThat(fraudsters).hasSize(episodes.size());
        assertThat(fraudsters).containsAll(fraudEventUsers);
        assertThat(legitEventUsers).doesNotContainAnyElementsOf(fraudsters);
    }
}
