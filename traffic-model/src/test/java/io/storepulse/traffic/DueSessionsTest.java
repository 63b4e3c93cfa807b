package io.storepulse.traffic;

import io.storepulse.avro.DeviceType;
import io.storepulse.avro.PaymentMethod;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DueSessionsTest {

    private static final Shopper SHOPPER =
            new Shopper(1, Persona.WINDOW_SHOPPER, 0, 7L, PaymentMethod.CREDIT_CARD);
    private static final long T0 = 1_795_255_200_000L;

    private final DueSessions queue = new DueSessions(T0);

    @Test
    void releasesSessionsByDueTimeAndSameMillisecondInArrivalOrder() {
        queue.add(session(3, T0 + 5_000));
        queue.add(session(1, T0 + 3_000));
        queue.add(session(2, T0 + 3_000));

        assertThat(queue.pollDue(T0 + 2_999)).isNull();
        assertThat(drainUntil(T0 + 10_000)).containsExactly(1L, 2L, 3L);
        assertThat(queue.size()).isZero();
    }

    @Test
    void aSessionDueMoreThanOneLapAheadWaitsForItsOwnLap() {
        long lap = 1 << 16;
        queue.add(session(2, T0 + lap + 10));
        queue.add(session(1, T0 + 10));

        assertThat(drainUntil(T0 + lap)).containsExactly(1L);
        assertThat(drainUntil(T0 + lap + 9)).isEmpty();
        assertThat(drainUntil(T0 + lap + 10)).containsExactly(2L);
    }

    @Test
    void sessionsDueInThePastOfTheQueueAreRefused() {
        assertThatThrownBy(() -> queue.add(session(1, T0 - 1))).isInstanceOf(IllegalStateException.class);
    }

    private List<Long> drainUntil(long now) {
        List<Long> ids = new ArrayList<>();
        for (ShoppingSession due = queue.pollDue(now); due != null; due = queue.pollDue(now)) {
            ids.add(due.sessionNumber());
        }
        return ids;
    }

    private static ShoppingSession session(long number, long dueAt) {
        ShoppingSession session = new ShoppingSession(SHOPPER, number, DeviceType.DESKTOP, 3);
        session.dueAt = dueAt;
        return session;
    }
}
