package io.storepulse.processor.rules;

import io.storepulse.avro.FraudRule;
import org.junit.jupiter.api.Test;

import static io.storepulse.processor.rules.RuleTimes.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * AMOUNT_SPIKE alone, with the contract's numbers: at least 1,000.00 and 5 times the mean of 3 or more previous
 * purchases, or any purchase of 5,000.00 or more.
 */
class AmountSpikeCheckTest {

    private final AmountSpikeCheck check = new AmountSpikeCheck(FraudThresholds.DEFAULTS);
    private final FraudState state = new FraudState();

    @Test
    void fiveTimesTheMeanOfThreePreviousPurchasesFiresAtTheMinimumAmount() {
        history(20_000, 20_000, 20_000);

        Detection detection = check.check(state, purchase(100_000));

        assertThat(detection.rule()).isEqualTo(FraudRule.AMOUNT_SPIKE);
        assertThat(detection.windowStart()).isEqualTo(T);
        assertThat(detection.windowEnd()).isEqualTo(T);
        // Ratio 1000 / 200 = 5, exactly the multiple: the bottom of the relative range.
        assertThat(detection.riskScore()).isCloseTo(0.5, within(1e-9));
        assertThat(detection.evidence()).containsEntry("amount", 1000.0).containsEntry("previous_purchases", 3.0)
                .containsEntry("previous_mean", 200.0).containsEntry("ratio_to_mean", 5.0);
        assertThat(detection.eventIds()).containsExactly("p-now");
    }

    @Test
    void justBelowTheMultipleTheMinimumOrTheHistoryItStaysSilent() {
        history(20_001, 20_000, 20_000);
        assertThat(check.check(state, purchase(100_000))).as("4.99993 times the mean").isNull();

        FraudState cheap = new FraudState();
        for (int i = 0; i < 3; i++) {
            cheap.countPurchase(1_000);
        }
        assertThat(check.check(cheap, purchase(99_999))).as("50 times the mean, but under 1,000.00").isNull();

        FraudState short2 = new FraudState();
        short2.countPurchase(1_000);
        short2.countPurchase(1_000);
        assertThat(check.check(short2, purchase(400_000))).as("only two previous purchases").isNull();
    }

    @Test
    void anyPurchaseOfTheAbsoluteLimitFiresWithoutHistoryScoredByItsSize() {
        assertThat(check.check(state, purchase(500_000)).riskScore()).isCloseTo(0.8, within(1e-9));
        assertThat(check.check(state, purchase(5_000_000)).riskScore()).as("ten times the limit").isCloseTo(1.0,
                within(1e-9));
        assertThat(check.check(state, purchase(499_999))).isNull();
    }

    @Test
    void whenBothHoldTheHigherScoreWins() {
        history(10_000, 10_000, 10_000);
        // 5,000.00 against a mean of 100.00: ratio 50, past four times the multiple, relative 0.8; absolute at
        // the limit, 0.8 too.
        assertThat(check.check(state, purchase(500_000)).riskScore()).isCloseTo(0.8, within(1e-9));

        FraudState modest = new FraudState();
        for (int i = 0; i < 3; i++) {
            modest.countPurchase(50_000);
        }
        // Ratio 12 (6,000 / 500): relative 0.5 + 0.3 * 7 / 15 = 0.64; absolute 0.8 + 0.2 * 1000 / 45000.
        assertThat(check.check(modest, purchase(600_000)).riskScore()).isCloseTo(0.8 + 0.2 / 45, within(1e-9));
    }

    @Test
    void aClickIsNeverASpikeTrigger() {
        assertThat(check.check(state, Trigger.click("c-1", T, "DE"))).isNull();
    }

    private void history(long... cents) {
        for (long amount : cents) {
            state.countPurchase(amount);
        }
    }

    private static Trigger purchase(long cents) {
        return Trigger.purchase("p-now", T, "DE", cents, "card");
    }
}
