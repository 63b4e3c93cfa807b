package io.storepulse.processor.rules;

import io.storepulse.avro.FraudRule;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.storepulse.processor.rules.RuleTimes.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** CLICK_RATE alone: a state and a trigger in, a decision out. Three clicks a minute here, to count by hand. */
class ClickRateCheckTest {

    private static final FraudThresholds THREE_A_MINUTE = new FraudThresholds(3, Duration.ofMinutes(1), 5,
            Duration.ofMinutes(10), 100_000, java.math.BigDecimal.valueOf(5), 3, 500_000, 3, Duration.ofHours(1), 5,
            500, 3, Duration.ofMinutes(10));

    private final ClickRateCheck check = new ClickRateCheck(THREE_A_MINUTE);
    private final FraudState state = new FraudState();

    @Test
    void firesOnTheClickThatTakesTheWindowPastTheLimitAndOnlyOnIt() {
        assertThat(click("c-1", 0)).isNull();
        assertThat(click("c-2", 10_000)).isNull();
        assertThat(click("c-3", 20_000)).as("three clicks are the limit, not past it").isNull();

        Detection detection = click("c-4", 30_000);

        assertThat(detection.rule()).isEqualTo(FraudRule.CLICK_RATE);
        assertThat(detection.windowStart()).isEqualTo(T);
        assertThat(detection.windowEnd()).isEqualTo(T + 60_000);
        // Spread 30 s of a 60 s window: half bunched, so 0.5 + 0.5 * 0.5.
        assertThat(detection.riskScore()).isCloseTo(0.75, within(1e-9));
        assertThat(detection.eventIds()).containsExactly("c-1", "c-2", "c-3", "c-4");
        assertThat(detection.evidence()).containsEntry("clicks", 4.0).containsEntry("limit", 3.0)
                .containsEntry("spread_seconds", 30.0);

        assertThat(click("c-5", 40_000)).as("the same window fires once").isNull();
    }

    @Test
    void clicksInTheNextWindowCountAfresh() {
        click("c-1", 0);
        click("c-2", 1_000);
        click("c-3", 2_000);

        assertThat(click("c-4", 60_000)).as("the first click of the next minute").isNull();
    }

    @Test
    void aPurchaseIsNeverAClickRateTrigger() {
        for (int i = 0; i < 4; i++) {
            click("c-" + i, i * 1_000L);
        }
        assertThat(check.check(state, Trigger.purchase("p-1", T + 5_000, "DE", 100, "card"))).isNull();
    }

    private Detection click(String id, long offset) {
        long time = T + offset;
        state.addClick(time, id, 60_000, THREE_A_MINUTE.clicksPerWindow() + 1);
        return check.check(state, Trigger.click(id, time, "DE"));
    }
}
