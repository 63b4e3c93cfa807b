package io.storepulse.processor.sessions;

import io.storepulse.processor.model.Session;
import io.storepulse.processor.model.Session.Activity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTrackerTest {

    private static final long MINUTE = 60_000;
    private static final long GAP = 30 * MINUTE;

    private final SessionTracker tracker = new SessionTracker(GAP);
    private final List<Session> sessions = new ArrayList<>();

    @Test
    void aGapOfExactlyThirtyMinutesStillMerges() {
        tracker.add(sessions, 0, Activity.PAGE_VIEW, 0);
        SessionTracker.Update update = tracker.add(sessions, GAP, Activity.PRODUCT_VIEW, 0);

        assertThat(sessions).hasSize(1);
        assertThat(update.current()).isEqualTo(new Session(0, GAP, 2, 1, 1, 0, 0, 0));
        assertThat(update.absorbed()).containsExactly(new Session(0, 0, 1, 1, 0, 0, 0, 0));
    }

    @Test
    void oneMillisecondMoreStartsANewSession() {
        tracker.add(sessions, 0, Activity.PAGE_VIEW, 0);
        SessionTracker.Update update = tracker.add(sessions, GAP + 1, Activity.PAGE_VIEW, 0);

        assertThat(sessions).extracting(Session::start).containsExactly(0L, GAP + 1);
        assertThat(update.absorbed()).isEmpty();
    }

    @Test
    void aLateEventBetweenTwoSessionsMergesThemWithAllTheirCounts() {
        tracker.add(sessions, 0, Activity.PAGE_VIEW, 0);                   // session A: 0
        tracker.add(sessions, 10 * MINUTE, Activity.ADD_TO_CART, 0);       // A: 0..10
        tracker.add(sessions, 50 * MINUTE, Activity.PURCHASE, 3_998);      // B: 50 (40 min after A)
        tracker.add(sessions, 55 * MINUTE, Activity.PURCHASE, 1_000);      // B: 50..55
        assertThat(sessions).hasSize(2);

        SessionTracker.Update update = tracker.add(sessions, 30 * MINUTE, Activity.PRODUCT_VIEW, 0); // 20 from A, 20 to B

        assertThat(sessions).containsExactly(new Session(0, 55 * MINUTE, 5, 1, 1, 1, 2, 4_998));
        assertThat(update.current()).isEqualTo(sessions.get(0));
        assertThat(update.absorbed()).extracting(Session::start).containsExactly(0L, 50 * MINUTE);
    }

    @Test
    void anEarlierEventMovesTheStartAndNewSessionsStaySorted() {
        tracker.add(sessions, 100 * MINUTE, Activity.PAGE_VIEW, 0);
        tracker.add(sessions, 90 * MINUTE, Activity.OTHER_CLICK, 0);      // extends the start back
        tracker.add(sessions, 10 * MINUTE, Activity.PAGE_VIEW, 0);        // a separate, earlier session
        tracker.add(sessions, 200 * MINUTE, Activity.PAGE_VIEW, 0);       // a separate, later one

        assertThat(sessions).extracting(Session::start).containsExactly(10 * MINUTE, 90 * MINUTE, 200 * MINUTE);
        assertThat(sessions.get(1)).isEqualTo(new Session(90 * MINUTE, 100 * MINUTE, 2, 1, 0, 0, 0, 0));
    }

    @Test
    void sessionsNoEventCanReachAreClosedAndHandedBack() {
        tracker.add(sessions, 0, Activity.PAGE_VIEW, 0);
        tracker.add(sessions, 100 * MINUTE, Activity.PAGE_VIEW, 0);

        assertThat(tracker.closeBefore(sessions, GAP)).isEmpty(); // an event at >= 30 min can still touch one ending at 0
        assertThat(sessions).hasSize(2);
        assertThat(tracker.closeBefore(sessions, GAP + 1))        // not any more
                .containsExactly(new Session(0, 0, 1, 1, 0, 0, 0, 0));
        assertThat(sessions).extracting(Session::start).containsExactly(100 * MINUTE);
    }
}
