package io.storepulse.processor.rules;

import io.storepulse.avro.FraudRule;
import org.junit.jupiter.api.Test;

import static io.storepulse.processor.rules.RuleTimes.MINUTE;
import static io.storepulse.processor.rules.RuleTimes.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** CARD_TESTING alone, with the contract's numbers: 5 purchases under 5.00 on 3 or more cards within 10 minutes. */
class CardTestingCheckTest {

    private final CardTestingCheck check = new CardTestingCheck(FraudThresholds.DEFAULTS);
    private final FraudState state = new FraudState();

    @Test
    void fiveSmallPurchasesOnThreeCardsFire() {
        assertThat(purchase("p-1", T, 100, "card-a")).isNull();
        assertThat(purchase("p-2", T + MINUTE, 200, "card-b")).isNull();
        assertThat(purchase("p-3", T + 2 * MINUTE, 300, "card-c")).isNull();
        assertThat(purchase("p-4", T + 3 * MINUTE, 499, "card-a")).isNull();

        Detection detection = purchase("p-5", T + 4 * MINUTE, 150, "card-b");

        assertThat(detection.rule()).isEqualTo(FraudRule.CARD_TESTING);
        assertThat(detection.windowStart()).isEqualTo(T + 4 * MINUTE - 10 * MINUTE);
        assertThat(detection.windowEnd()).isEqualTo(T + 4 * MINUTE);
        assertThat(detection.riskScore()).isCloseTo(0.8, within(1e-9));
        assertThat(detection.evidence()).containsEntry("small_purchases", 5.0).containsEntry("distinct_cards", 3.0)
                .containsEntry("under_amount", 5.0);
        assertThat(detection.eventIds()).containsExactly("p-1", "p-2", "p-3", "p-4", "p-5");

        // A sixth on a fourth card: 0.8 + 0.05 + 0.02.
        assertThat(purchase("p-6", T + 5 * MINUTE, 100, "card-d").riskScore()).isCloseTo(0.87, within(1e-9));
    }

    @Test
    void twoCardsOrAPurchaseOfFiveOrMoreDoNotMakeATest() {
        purchase("p-1", T, 100, "card-a");
        purchase("p-2", T + MINUTE, 100, "card-b");
        purchase("p-3", T + 2 * MINUTE, 100, "card-a");
        purchase("p-4", T + 3 * MINUTE, 100, "card-b");
        assertThat(purchase("p-5", T + 4 * MINUTE, 100, null)).as("two cards; a payment without one counts none")
                .isNull();
        assertThat(purchase("p-6", T + 5 * MINUTE, 500, "card-c")).as("5.00 is not under 5.00").isNull();
    }

    private Detection purchase(String id, long time, long cents, String card) {
        state.addPurchase(new FraudState.Paid(time, cents, card, id));
        return check.check(state, Trigger.purchase(id, time, "DE", cents, card));
    }
}
