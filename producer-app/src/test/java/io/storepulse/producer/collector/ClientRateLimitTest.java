package io.storepulse.producer.collector;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRateLimitTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aClientMaySendItsBurstThenWaitsUntilItsDebtIsRefilled() {
        ClientRateLimit limit = new ClientRateLimit(100, 300, now::get);

        assertThat(limit.secondsUntilAllowed("a")).isZero();
        limit.charge("a", 250);
        assertThat(limit.secondsUntilAllowed("a")).as("50 of 300 left").isZero();
        limit.charge("a", 250);
        // 50 - 250 = -200 tokens: at 100/s the bucket is above zero after 2.01 s, so 3 whole seconds.
        assertThat(limit.secondsUntilAllowed("a")).isEqualTo(3);
        assertThat(limit.secondsUntilAllowed("b")).as("another client has its own bucket").isZero();

        now.addAndGet(2_000_000_000L);
        assertThat(limit.secondsUntilAllowed("a")).as("at 0 tokens, 1 more is needed").isEqualTo(1);
        now.addAndGet(100_000_000L);
        assertThat(limit.secondsUntilAllowed("a")).as("10 tokens after 2.1 s").isZero();
    }

    @Test
    void theBucketHoldsAtMostTheBurst() {
        ClientRateLimit limit = new ClientRateLimit(100, 300, now::get);
        limit.charge("a", 1);
        now.addAndGet(3_600_000_000_000L);
        limit.charge("a", 300);

        assertThat(limit.secondsUntilAllowed("a")).as("an hour idle refills 300, not 360,000").isEqualTo(1);
    }

    @Test
    void rateZeroIsNoLimit() {
        ClientRateLimit limit = new ClientRateLimit(0, 0, now::get);
        limit.charge("a", 1_000_000);

        assertThat(limit.enabled()).isFalse();
        assertThat(limit.secondsUntilAllowed("a")).isZero();
    }
}
