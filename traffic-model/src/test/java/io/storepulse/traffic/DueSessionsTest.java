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
            new Shopper(1, "u-1", Persona.WINDOW_SHOPPER, "US", "23.1.2.3", PaymentMethod.CREDIT_CARD);
    private static final long T0 = 1_795_255_200_000L;

    private final DueSessions queue = new DueSessions(T0);

    @Test
    void releasesSessionsByDueTimeAndSameMillisecondInArrivalOrder() {
        queue.add(session("late", T0 + 5_000));
        queue.add(session("first", T0 + 3_000));
        queue.add(session("second", T0 + 3_000));

        assertThat(queue.pollDue(T0 + 2_999)).isNull();
        assertThat(drainUntil(T0 + 10_000)).containsExactly("first", "second", "late");
        assertThat(queue.size()).isZero();
    }

    @Test
    void aSessionDueMoreThanOneLapAheadWaitsForItsOwnLap() {
        long lap = 1 << 16;
        queue.add(session("next-lap", T0 + lap + 10));
        queue.add(session("this-lap", T0 + 10));

        assertThat(drainUntil(T0 + lap)).containsExactly("this-lap");
        assertThat(drainUntil(T0 + lap + 9)).isEmpty();
        assertThat(drainUntil(T0 + lap + 10)).containsExactly("next-lap");
    }

    @Test
    void sessionsDueInThePastOfTheQueueAreRefused() {
        assertThatThrownBy(() -> queue.add(session("stale", T0 - 1))).isInstanceOf(IllegalStateException.class);
    }

    private List<String> drainUntil(long now) {
        List<String> ids = new ArrayList<>();
        for (ShoppingSession due = queue.pollDue(now); due != null; due = queue.pollDue(now)) {
            ids.add(due.sessionId());
        }
        return ids;
    }

    private static ShoppingSession session(String id, long dueAt) {
        ShoppingSession session = new ShoppingSession(SHOPPER, id, DeviceType.DESKTOP, 3);
        session.dueAt = dueAt;
        return session;
    }
}
