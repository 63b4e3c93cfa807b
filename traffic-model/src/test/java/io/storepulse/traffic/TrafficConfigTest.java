package io.storepulse.traffic;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrafficConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        TrafficConfig config = TrafficConfig.defaults();

        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.start()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
        assertThat(config.rate()).isEqualTo(200.0);
        assertThat(config.users()).isEqualTo(50_000);
        assertThat(config.products()).isEqualTo(2_000);
        assertThat(config.warehouses()).isEqualTo(3);
        assertThat(config.fraudRatio()).isEqualTo(0.002);
        assertThat(config.lateRatio()).isEqualTo(0.01);
        assertThat(config.lateBeyondGraceRatio()).isEqualTo(0.002);
        assertThat(config.duplicateRatio()).isEqualTo(0.01);
        assertThat(config.malformedRatio()).isEqualTo(0.0005);
        assertThat(config.grace()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void eachWitherChangesItsFieldOnly() {
        TrafficConfig config = TrafficConfig.defaults();

        assertThat(config.withSeed(7)).isEqualTo(new TrafficConfig(7, config.start(), config.rate(), config.users(),
                config.products(), config.warehouses(), config.fraudRatio(), config.lateRatio(),
                config.lateBeyondGraceRatio(), config.duplicateRatio(), config.malformedRatio(), config.grace()));
        assertThat(config.withRate(5).rate()).isEqualTo(5);
        assertThat(config.withUsers(9).users()).isEqualTo(9);
        assertThat(config.withProducts(30).products()).isEqualTo(30);
        assertThat(config.withWarehouses(1).warehouses()).isEqualTo(1);
        assertThat(config.withFraudRatio(0.5).fraudRatio()).isEqualTo(0.5);
        assertThat(config.withLateRatio(0.1).lateRatio()).isEqualTo(0.1);
        assertThat(config.withLateBeyondGraceRatio(0.1).lateBeyondGraceRatio()).isEqualTo(0.1);
        assertThat(config.withDuplicateRatio(0.1).duplicateRatio()).isEqualTo(0.1);
        assertThat(config.withMalformedRatio(0.1).malformedRatio()).isEqualTo(0.1);
        assertThat(config.withGrace(Duration.ofMinutes(2)).grace()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.withStart(Instant.EPOCH).start()).isEqualTo(Instant.EPOCH);
        assertThat(config.withoutNoise()).isEqualTo(config.withLateRatio(0).withLateBeyondGraceRatio(0)
                .withDuplicateRatio(0).withMalformedRatio(0));
    }

    @Test
    void rejectsValuesTheSimulationCannotHonour() {
        TrafficConfig config = TrafficConfig.defaults();

        assertThatThrownBy(() -> config.withRate(0)).hasMessageContaining("rate");
        assertThatThrownBy(() -> config.withRate(Double.NaN)).hasMessageContaining("rate");
        assertThatThrownBy(() -> config.withUsers(0)).hasMessageContaining("users");
        assertThatThrownBy(() -> config.withProducts(19)).hasMessageContaining("products");
        assertThatThrownBy(() -> config.withWarehouses(0)).hasMessageContaining("warehouses");
        assertThatThrownBy(() -> config.withFraudRatio(1.5)).hasMessageContaining("fraudRatio");
        assertThatThrownBy(() -> config.withDuplicateRatio(-0.1)).hasMessageContaining("duplicateRatio");
        assertThatThrownBy(() -> config.withLateRatio(0.3).withDuplicateRatio(0.3)).hasMessageContaining("together");
        assertThatThrownBy(() -> config.withGrace(Duration.ofSeconds(9))).hasMessageContaining("grace");
        assertThatThrownBy(() -> config.withStart(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void noiseFreeConfigEmitsOnlyOnTimeTraffic() {
        TrafficGenerator generator = new TrafficGenerator(TrafficConfig.defaults().withoutNoise().withFraudRatio(0.05));
        for (int i = 0; i < 50_000; i++) {
            assertThat(generator.next().origin()).isIn(Origin.NORMAL, Origin.FRAUD, Origin.GROUND_TRUTH);
        }
        assertThat(generator.count(Origin.FRAUD)).isPositive();
    }
}
