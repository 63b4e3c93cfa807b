package io.storepulse.processor.rules;

import io.storepulse.avro.FraudRule;
import org.junit.jupiter.api.Test;

import static io.storepulse.processor.rules.RuleTimes.MINUTE;
import static io.storepulse.processor.rules.RuleTimes.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** PURCHASE_VELOCITY alone, with the contract's numbers: more than 5 purchases within 10 minutes. */
class PurchaseVelocityCheckTest {

    private final PurchaseVelocityCheck check = new PurchaseVelocityCheck(FraudThresholds.DEFAULTS);
    private final FraudState state = new FraudState();

    @Test
    void theSixthPurchaseWithinTenMinutesFires() {
        for (int i = 0; i < 5; i++) {
            assertThat(purchase("p-" + i, T + i * MINUTE)).as("purchase %d", i + 1).isNull();
        }

        Detection detection = purchase("p-5", T + 5 * MINUTE);

        assertThat(detection.rule()).isEqualTo(FraudRule.PURCHASE_VELOCITY);
        assertThat(detection.windowStart()).isEqualTo(T + 5 * MINUTE - 10 * MINUTE);
        assertThat(detection.windowEnd()).isEqualTo(T + 5 * MINUTE);
        // The six newest spread over 5 of the 10 minutes: 0.5 + 0.5 * 0.5.
        assertThat(detection.riskScore()).isCloseTo(0.75, within(1e-9));
        assertThat(detection.eventIds()).containsExactly("p-0", "p-1", "p-2", "p-3", "p-4", "p-5");
        assertThat(detection.evidence()).containsEntry("purchases", 6.0).containsEntry("limit", 5.0);
    }

    @Test
    void purchasesOlderThanTheSpanDoNotCount() {
        purchase("old", T - 11 * MINUTE);
        for (int i = 0; i < 4; i++) {
            purchase("p-" + i, T + i * MINUTE);
        }
        assertThat(purchase("p-4", T + 4 * MINUTE)).as("five within the span, the sixth is 15 minutes old").isNull();
        // Both ends of the span are included: one exactly 10 minutes before the trigger counts.
        purchase("edge", T + 5 * MINUTE - 10 * MINUTE);
        assertThat(purchase("p-5", T + 5 * MINUTE)).isNotNull();
    }

    @Test
    void aClickIsNeverAVelocityTrigger() {
        for (int i = 0; i < 6; i++) {
            state.addPurchase(new FraudState.Paid(T + i * 1_000L, 1_000, "card", "p-" + i));
        }
        assertThat(check.check(state, Trigger.click("c-1", T + 6_000, "DE"))).isNull();
    }

    private Detection purchase(String id, long time) {
        state.addPurchase(new FraudState.Paid(time, 1_000, "card", id));
        return check.check(state, Trigger.purchase(id, time, "DE", 1_000, "card"));
    }
}
