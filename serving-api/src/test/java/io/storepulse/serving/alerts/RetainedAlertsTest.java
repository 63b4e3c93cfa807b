package io.storepulse.serving.alerts;

import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.avro.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert log's memory alone: the list's order, the retention limit, and what a resuming reader is given. */
class RetainedAlertsTest {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void theListIsNewestDetectedFirstWhateverThePartitionAndReadOrder() {
        RetainedAlerts alerts = retaining(100, 0, 0);
        // Read partition 0 first, then partition 1, whose alerts are older and newer than those of 0.
        alerts.add(0, 0, alert("a-2", 20));
        alerts.add(0, 1, alert("a-4", 40));
        alerts.add(1, 0, alert("a-1", 10));
        alerts.add(1, 1, alert("a-5", 40));
        alerts.add(1, 2, alert("a-3", 30));

        assertThat(ids(alerts.newest(Long.MIN_VALUE, 10))).as("same instant: the greater alert id first")
                .containsExactly("a-5", "a-4", "a-3", "a-2", "a-1");
        assertThat(ids(alerts.newest(T.plusSeconds(30).toEpochMilli(), 10))).containsExactly("a-5", "a-4", "a-3");
        assertThat(ids(alerts.newest(Long.MIN_VALUE, 2))).containsExactly("a-5", "a-4");
    }

    @Test
    void pastTheLimitTheOldestReadGoesNotTheOldestDetected() {
        RetainedAlerts alerts = retaining(2, 0);
        alerts.add(0, 0, alert("late-read-old", 50));
        alerts.add(0, 1, alert("b", 10));
        alerts.add(0, 2, alert("c", 20));

        assertThat(alerts.size()).isEqualTo(2);
        assertThat(ids(alerts.newest(Long.MIN_VALUE, 10))).containsExactly("c", "b");
    }

    @Test
    void aReaderResumesWithWhatItMissedInReadOrderAndIsToldWhenThatIsNotAll() {
        RetainedAlerts alerts = retaining(3, 5, 0);
        alerts.add(0, 5, alert("p0-5", 1));
        alerts.add(1, 0, alert("p1-0", 2));
        alerts.skip(0, 6);                       // an undecodable record: stepped over, never listed
        alerts.add(0, 7, alert("p0-7", 3));
        alerts.markCaughtUp();

        assertThat(alerts.head().toString()).isEqualTo("0-8.1-1");

        RetainedAlerts.Backlog resumed = alerts.backlog(ResumeToken.parse("0-6.1-0", 2), 2);
        assertThat(ids(resumed.entries())).containsExactly("p1-0", "p0-7");
        assertThat(resumed.complete()).isTrue();
        assertThat(resumed.token().toString()).isEqualTo("0-8.1-1");

        RetainedAlerts.Backlog tooOld = alerts.backlog(ResumeToken.parse("0-2.1-0", 2), 2);
        assertThat(ids(tooOld.entries())).containsExactly("p0-5", "p1-0", "p0-7");
        assertThat(tooOld.complete()).as("offsets 2-4 of partition 0 are no longer retained").isFalse();

        RetainedAlerts.Backlog fresh = alerts.backlog(null, 2);
        assertThat(fresh.entries()).isEmpty();
        assertThat(fresh.token().toString()).isEqualTo("0-8.1-1");

        alerts.add(1, 1, alert("p1-1", 4));
        assertThat(alerts.head().toString()).as("the head follows every record once caught up").isEqualTo("0-8.1-2");
    }

    @Test
    void beforeTheHistoryIsReadThereIsNoHead() {
        RetainedAlerts alerts = retaining(3, 0);
        alerts.add(0, 0, alert("a", 1));

        assertThat(alerts.isCaughtUp()).isFalse();
        assertThat(alerts.head()).isNull();
        alerts.markCaughtUp();
        assertThat(alerts.head().toString()).isEqualTo("0-1");
    }

    /** At most {@code limit} alerts, the reader starting at {@code next} per partition. */
    private static RetainedAlerts retaining(int limit, long... next) {
        RetainedAlerts alerts = new RetainedAlerts(limit);
        alerts.restartAt(next);
        return alerts;
    }

    private static List<String> ids(List<AlertEntry> entries) {
        return entries.stream().map(entry -> entry.alert().getAlertId()).toList();
    }

    private static FraudAlert alert(String id, int detectedSecond) {
        Instant detected = T.plusSeconds(detectedSecond);
        return FraudAlert.newBuilder().setAlertId(id).setRule(FraudRule.CLICK_RATE).setUserId("u-1").setRiskScore(0.6)
                .setSeverity(Severity.MEDIUM).setWindowStart(T).setWindowEnd(T).setEventTime(T).setDetectedAt(detected)
                .setEvidence(Map.of()).setEventIds(List.of()).build();
    }
}
