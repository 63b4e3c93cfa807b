package io.storepulse.model.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "0.0.0.0", "255.255.255.255", "10.1.20.199", "::1", "2001:db8::7",
            "::ffff:192.0.2.128", "2001:0db8:0000:0000:0000:ff00:0042:8329"})
    void validAddresses(String address) {
        assertThat(IpAddresses.isLiteral(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "256.1.1.1", "1.2.3.999",
            "01.2.3.4", "1.2.3.00", "1.2.3.4a", "a.b.c.d", "1.2.3.-4", "1.2.3.4 ", " 1.2.3.4", "1234.1.1.1",
            "1.2.3.4.", "::ffff:192.0.2.256", "2001:db8::7::1", "12345::1"})
    void invalidAddresses(String address) {
        assertThat(IpAddresses.isLiteral(address)).isFalse();
    }
}
