package io.storepulse.processor.rules;

import io.storepulse.avro.FraudRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.storepulse.processor.rules.RuleTimes.MINUTE;
import static io.storepulse.processor.rules.RuleTimes.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** IMPOSSIBLE_TRAVEL alone, with the contract's numbers: 3 or more countries within an hour. */
class ImpossibleTravelCheckTest {

    private final ImpossibleTravelCheck check = new ImpossibleTravelCheck(FraudThresholds.DEFAULTS);
    private final FraudState state = new FraudState();

    @Test
    void theThirdCountryWithinAnHourFiresOnClicksAndPurchasesAlike() {
        assertThat(click("e-de", T, "DE")).isNull();
        assertThat(click("e-fr", T + 10 * MINUTE, "FR")).as("two countries are a journey").isNull();

        state.addPresence(T + 20 * MINUTE, "US", "e-us");
        Detection detection = check.check(state, Trigger.purchase("e-us", T + 20 * MINUTE, "US", 1_000, "card"));

        assertThat(detection.rule()).isEqualTo(FraudRule.IMPOSSIBLE_TRAVEL);
        assertThat(detection.windowStart()).isEqualTo(T + 20 * MINUTE - 60 * MINUTE);
        assertThat(detection.windowEnd()).isEqualTo(T + 20 * MINUTE);
        assertThat(detection.riskScore()).isCloseTo(0.7, within(1e-9));
        assertThat(detection.evidence()).containsEntry("distinct_countries", 3.0)
                .containsEntry("countries", List.of("DE", "FR", "US"));
        assertThat(detection.eventIds()).containsExactly("e-de", "e-fr", "e-us");

        assertThat(click("e-jp", T + 30 * MINUTE, "JP").riskScore()).as("a fourth country").isCloseTo(0.8,
                within(1e-9));
    }

    @Test
    void aCountryOlderThanTheHourIsForgottenAndRepeatsCountOnce() {
        click("e-de", T - 61 * MINUTE, "DE");
        click("e-fr", T, "FR");
        click("e-fr2", T + MINUTE, "FR");

        assertThat(click("e-us", T + 2 * MINUTE, "US")).as("DE was more than an hour before").isNull();
    }

    private Detection click(String id, long time, String country) {
        state.addPresence(time, country, id);
        return check.check(state, Trigger.click(id, time, country));
    }
}
