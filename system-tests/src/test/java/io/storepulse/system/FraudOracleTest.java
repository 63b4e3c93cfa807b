package io.storepulse.system;

import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.avro.Severity;
import io.storepulse.system.FraudOracle.Counted;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fraud oracle against alerts worked out by hand from CONTRACT section 8. */
class FraudOracleTest {

    private static final long MINUTE = 60_000;
    private static final String USER = "u-1";

    @Test
    void sixPurchasesWithinTenMinutesRaiseOneVelocityAlertAndTheSeventhIsSilenced() {
        List<Counted> purchases = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            purchases.add(purchase(i, i * MINUTE, "p" + i, "20.00", "card-1"));
        }
        FraudOracle oracle = FraudOracle.of(purchases);

        assertThat(oracle.expectedByRule()).isEqualTo(Map.of(FraudRule.PURCHASE_VELOCITY, 1));
        FraudAlert sixth = alert(FraudRule.PURCHASE_VELOCITY, -5 * MINUTE, 5 * MINUTE, 5 * MINUTE, 0.9,
                "p0", "p1", "p2", "p3", "p4", "p5");
        assertMatches(oracle, List.of(sixth));
        FraudAlert seventh = alert(FraudRule.PURCHASE_VELOCITY, -4 * MINUTE, 6 * MINUTE, 6 * MINUTE, 0.9,
                "p0", "p1", "p2", "p3", "p4", "p5", "p6");
        assertDiffers(oracle, List.of(sixth, seventh), "fraud alert PURCHASE_VELOCITY of u-1 on 1970-01-01T00:06:00Z");
        assertDiffers(oracle, List.of(), "expected [events [p0, p1, p2, p3, p4, p5]], actual null");
    }

    @Test
    void theSixtyFirstClickOfAMinuteRaisesOneAlertNamingTheFirstSixtyOne() {
        List<Counted> clicks = new ArrayList<>();
        List<String> first61 = new ArrayList<>();
        for (int i = 0; i < 62; i++) {
            clicks.add(click(i, MINUTE + i * 500L, "c" + i, "DE"));
            if (i < 61) {
                first61.add("c" + i);
            }
        }
        FraudOracle oracle = FraudOracle.of(clicks);

        assertThat(oracle.expectedByRule()).isEqualTo(Map.of(FraudRule.CLICK_RATE, 1));
        assertMatches(oracle, List.of(alert(FraudRule.CLICK_RATE, MINUTE, 2 * MINUTE, MINUTE + 60 * 500L, 0.8,
                first61.toArray(String[]::new))));
    }

    @Test
    void anAmountSpikeNeedsThreePreviousPurchasesInTheOrderProcessedUnlessItIsAtLeastFiveThousand() {
        FraudOracle oracle = FraudOracle.of(List.of(
                purchase(0, 0, "p0", "100.00", null),
                purchase(1, MINUTE, "p1", "1000.00", null),       // 2 previous would not do: 1 is not 3
                purchase(2, 20 * MINUTE, "p2", "100.00", null),
                purchase(3, 40 * MINUTE, "p3", "6500.00", null),  // 3 previous (mean 400): 16x, and over 5,000
                purchase(4, 60 * MINUTE, "p4", "4999.99", null))); // 4 previous, mean 1,925: under 5x

        assertThat(oracle.expectedByRule()).isEqualTo(Map.of(FraudRule.AMOUNT_SPIKE, 1));
        assertMatches(oracle, List.of(alert(FraudRule.AMOUNT_SPIKE, 40 * MINUTE, 40 * MINUTE, 40 * MINUTE, 0.85,
                "p3")));
    }

    @Test
    void impossibleTravelFollowsTheRecordTimestampsTheTaskMergesByNotTheEventTimes() {
        Counted germany = click(0, 0, "c-de", "DE");
        Counted france = click(1, 20 * MINUTE, "c-fr", "FR");
        // Written on its partition after a newer event: its timestamp is that partition's watermark, 30 minutes.
        Counted lateUs = new Counted(0, false, 1, 30 * MINUTE, USER, "p-us", 10 * MINUTE, "US",
                new BigDecimal("20.00"), null);
        Counted onTimeUs = new Counted(0, false, 1, 10 * MINUTE, USER, "p-us", 10 * MINUTE, "US",
                new BigDecimal("20.00"), null);

        // Processed in event-time order, France's click completes the third country.
        assertMatches(FraudOracle.of(List.of(germany, france, onTimeUs)), List.of(
                alert(FraudRule.IMPOSSIBLE_TRAVEL, -40 * MINUTE, 20 * MINUTE, 20 * MINUTE, 0.7, "c-de", "c-fr", "p-us")));
        // Processed last, the purchase's own window [-50 min, 10 min] ends before France's click: no alert.
        FraudOracle late = FraudOracle.of(List.of(germany, france, lateUs));
        assertThat(late.expectedByRule()).isEmpty();
        assertDiffers(late, List.of(alert(FraudRule.IMPOSSIBLE_TRAVEL, -40 * MINUTE, 20 * MINUTE, 20 * MINUTE, 0.7,
                "c-de", "c-fr", "p-us")), "expected null");
    }

    @Test
    void cardTestingNeedsFiveSmallPurchasesOnThreeCardsAndASeverityMustFollowTheScore() {
        List<Counted> purchases = new ArrayList<>();
        String[] cards = {"card-1", "card-2", "card-1", "card-1", "card-3"};
        for (int i = 0; i < cards.length; i++) {
            purchases.add(purchase(i, i * MINUTE, "p" + i, "1.99", cards[i]));
        }
        FraudOracle oracle = FraudOracle.of(purchases);

        assertThat(oracle.expectedByRule()).isEqualTo(Map.of(FraudRule.CARD_TESTING, 1));
        FraudAlert alert = alert(FraudRule.CARD_TESTING, -6 * MINUTE, 4 * MINUTE, 4 * MINUTE, 0.8,
                "p0", "p1", "p2", "p3", "p4");
        assertMatches(oracle, List.of(alert));
        FraudAlert mislabelled = FraudAlert.newBuilder(alert).setSeverity(Severity.MEDIUM).build();
        assertDiffers(oracle, List.of(mislabelled), "expected HIGH, actual MEDIUM");
    }

    private static void assertMatches(FraudOracle oracle, List<FraudAlert> committed) {
        Mismatches mismatches = new Mismatches();
        oracle.compare(committed, mismatches, new ArrayList<>());
        mismatches.assertNone();
    }

    private static void assertDiffers(FraudOracle oracle, List<FraudAlert> committed, String difference) {
        Mismatches mismatches = new Mismatches();
        oracle.compare(committed, mismatches, new ArrayList<>());
        assertThatThrownBy(mismatches::assertNone).hasMessageContaining(difference);
    }

    private static Counted click(long offset, long time, String id, String country) {
        return new Counted(0, true, offset, time, USER, id, time, country, null, null);
    }

    private static Counted purchase(long offset, long time, String id, String amount, String card) {
        return new Counted(0, false, offset, time, USER, id, time, "DE", new BigDecimal(amount), card);
    }

    private static FraudAlert alert(FraudRule rule, long windowStart, long windowEnd, long eventTime, double score,
                                    String... eventIds) {
        return FraudAlert.newBuilder().setAlertId(rule + "@" + eventTime).setRule(rule).setUserId(USER)
                .setRiskScore(score).setSeverity(score >= 0.8 ? Severity.HIGH : Severity.MEDIUM)
                .setWindowStart(Instant.ofEpochMilli(windowStart)).setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setEventTime(Instant.ofEpochMilli(eventTime)).setDetectedAt(Instant.EPOCH)
                .setEvidence(Map.of()).setEventIds(List.of(eventIds)).build();
    }
}
