package io.storepulse.processor.rest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InternalKeysTest {

    @Test
    void onlyAConfiguredKeyAsABearerTokenIsAllowed() {
        InternalKeys keys = new InternalKeys(Optional.of(List.of("k-new", "k-old")));

        assertThat(keys.allows("Bearer k-new")).isTrue();
        assertThat(keys.allows("bearer k-old")).as("the old key during a rotation, any case of the scheme").isTrue();
        assertThat(keys.allows(null)).isFalse();
        assertThat(keys.allows("Bearer ")).isFalse();
        assertThat(keys.allows("Bearer k-ne")).isFalse();
        assertThat(keys.allows("Bearer k-new-and-more")).isFalse();
        assertThat(keys.allows("k-new")).as("the key without its scheme").isFalse();
        assertThat(keys.allows("Basic k-new")).isFalse();
    }

    @Test
    void withNoKeyConfiguredTheEndpointsAreOpen() {
        assertThat(new InternalKeys(Optional.empty()).allows(null)).isTrue();
        assertThat(new InternalKeys(Optional.of(List.of(" "))).allows(null)).isTrue();
    }
}
