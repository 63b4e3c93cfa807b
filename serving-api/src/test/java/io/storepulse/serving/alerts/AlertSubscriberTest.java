package io.storepulse.serving.alerts;

import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.avro.Severity;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.resteasy.reactive.server.jaxrs.SseImpl;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that stops reading is cut off once its bounded buffer is full; one that reads gets everything in order. */
class AlertSubscriberTest {

    /** A sink whose writes complete only when the test says so, as a socket that stopped draining. */
    static final class StalledSink implements SseEventSink {
        final List<OutboundSseEvent> sent = new ArrayList<>();
        final List<CompletableFuture<Object>> pending = new ArrayList<>();
        boolean complete;
        boolean closed;

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            sent.add(event);
            CompletableFuture<Object> write = new CompletableFuture<>();
            if (complete) {
                write.complete(null);
            } else {
                pending.add(write);
            }
            return write;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWhenItsBufferIsFull() {
        StalledSink sink = new StalledSink();
        boolean[] released = new boolean[1];
        AlertSubscriber subscriber = new AlertSubscriber(sink, new SseImpl(), Severity.LOW, 3, e -> "{}",
                s -> released[0] = true);
        subscriber.start();

        subscriber.accept(entry(0));        // written at once, never acknowledged by the socket
        subscriber.accept(entry(1));        // buffered: 1
        subscriber.accept(entry(2));        // 2
        subscriber.accept(entry(3));        // 3 = the bound
        assertThat(sink.closed).isFalse();
        subscriber.accept(entry(4));        // one more: cut off, nothing more held

        assertThat(sink.closed).isTrue();
        assertThat(released[0]).as("unsubscribed from the log").isTrue();
        assertThat(subscriber.overflowed()).isTrue();
        assertThat(sink.sent).hasSize(1);
    }

    @Test
    void aReadingClientGetsTheMissedAlertsFirstThenLiveOnesInOrder() {
        StalledSink sink = new StalledSink();
        sink.complete = true;
        AlertSubscriber subscriber = new AlertSubscriber(sink, new SseImpl(), Severity.LOW, 2, e -> "{}", s -> { });
        subscriber.accept(entry(5));        // live, arrived while the backlog was being read
        subscriber.missed(List.of(entry(3), entry(4)));
        subscriber.start();
        for (int offset = 6; offset < 20; offset++) {
            subscriber.accept(entry(offset));
        }
        assertThat(sink.sent).extracting(OutboundSseEvent::getId)
                .containsExactly(java.util.stream.IntStream.range(3, 20).mapToObj(o -> "0-" + (o + 1)).toArray(String[]::new));
        assertThat(sink.closed).isFalse();
    }

    private static AlertEntry entry(long offset) {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        FraudAlert alert = FraudAlert.newBuilder().setAlertId("a-" + offset).setRule(FraudRule.CLICK_RATE)
                .setUserId("u-1").setRiskScore(0.6).setSeverity(Severity.MEDIUM).setWindowStart(now).setWindowEnd(now)
                .setEventTime(now).setDetectedAt(now).setEvidence(Map.of()).setEventIds(List.of()).build();
        return new AlertEntry(0, offset, alert, new ResumeToken(new long[] {offset + 1}));
    }
}
