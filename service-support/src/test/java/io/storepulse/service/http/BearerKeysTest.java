package io.storepulse.service.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BearerKeysTest {

    @Test
    void everyConfiguredKeyIsValidAndNothingCloseToOneIs() {
        BearerKeys keys = BearerKeys.of(List.of("k-new", " k-old ", ""));

        assertThat(keys.size()).as("the blank key is dropped").isEqualTo(2);
        assertThat(keys.allows("Bearer k-new")).isTrue();
        assertThat(keys.allows("bearer k-old")).as("the old key while it is rotated, any case of the scheme").isTrue();
        assertThat(keys.allows(null)).isFalse();
        assertThat(keys.allows("Bearer ")).isFalse();
        assertThat(keys.allows("Bearer k-ne")).isFalse();
        assertThat(keys.allows("Bearer k-new-and-more")).isFalse();
        assertThat(keys.allows("k-new")).as("the key without its scheme").isFalse();
        assertThat(keys.allows("Basic k-new")).isFalse();
    }

    @Test
    void indexOfNamesTheKeyAmongTheNonBlankOnes() {
        BearerKeys keys = BearerKeys.of(List.of("a", " ", "b"));

        assertThat(keys.indexOf("a")).isZero();
        assertThat(keys.indexOf("b")).isEqualTo(1);
        assertThat(keys.indexOf(" b ")).isEqualTo(1);
        assertThat(keys.indexOf("c")).isEqualTo(-1);
        assertThat(keys.indexOf(null)).isEqualTo(-1);
    }

    @Test
    void aGateGuardsItsPathAndBelowItOnlyAndIsOpenWithoutKeys() {
        BearerGate gate = new BearerGate("/internal", BearerKeys.of(List.of("k")), "internal key");

        assertThat(gate.guards("/internal")).isTrue();
        assertThat(gate.guards("/internal/v1/instances")).isTrue();
        assertThat(gate.guards("/internals")).isFalse();
        assertThat(gate.guards("/q/health")).isFalse();
        assertThat(new BearerGate("/internal", BearerKeys.of(List.of()), "internal key").guards("/internal/v1"))
                .isFalse();
    }
}
