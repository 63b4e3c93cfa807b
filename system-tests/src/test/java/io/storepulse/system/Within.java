package io.storepulse.system;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits for a condition under a deadline that every attempt is held to, the one that succeeds included: a check that
 * takes long (a sweep over many keys) cannot pass by finishing after the deadline.
 */
final class Within {

    interface Check {
        boolean holds() throws Exception;
    }

    private Within() {
    }

    /** Retries {@code check} every 500 ms; returns how long it took from {@code since} (a {@code System.nanoTime()}). */
    static Duration await(Duration timeout, long since, String what, Check check) throws Exception {
        while (true) {
            boolean holds = check.holds();
            Duration took = Duration.ofNanos(System.nanoTime() - since);
            assertThat(took).as(what + " within " + timeout.toSeconds() + " s").isLessThanOrEqualTo(timeout);
            if (holds) {
                return took;
            }
            Thread.sleep(500);
        }
    }
}
