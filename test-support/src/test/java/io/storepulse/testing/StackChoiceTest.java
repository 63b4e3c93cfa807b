package io.storepulse.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How the test resource reads its choices from system properties (the environment variables are not set here). */
class StackChoiceTest {

    private static final String BROKERS = "storepulse-test.stack.brokers";

    @AfterEach
    void clear() {
        System.clearProperty(BROKERS);
    }

    @Test
    void oneBrokerUnlessToldMore() {
        assumeTrue(System.getenv("STOREPULSE_TEST_STACK_BROKERS") == null);
        assertThat(StorePulseTestResource.brokers()).isEqualTo(1);
        System.setProperty(BROKERS, " 3 ");
        assertThat(StorePulseTestResource.brokers()).isEqualTo(3);
    }

    @Test
    void aBrokerCountOutsideOneToNineIsRefusedWithTheValue() {
        for (String bad : new String[] {"0", "10", "three", "-1"}) {
            System.setProperty(BROKERS, bad);
            assertThatThrownBy(StorePulseTestResource::brokers).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("storepulse-test.stack.brokers must be 1 to 9, was " + bad);
        }
    }
}
