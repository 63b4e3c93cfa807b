package io.storepulse.serving.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.storepulse.avro.Severity;
import io.storepulse.serving.config.ServingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open SSE streams of fraud alerts: opens one from a client's {@code Last-Event-ID} (missed alerts first, from
 * memory or, when older, from Kafka), sends heartbeat comments, and counts clients cut off for falling behind.
 */
@ApplicationScoped
public class AlertStreams {

    /** How long a resuming client may wait while alerts older than the in-memory ones are read from Kafka. */
    private static final Duration CATCH_UP_DEADLINE = Duration.ofSeconds(20);

    private final AlertLog log;
    private final ObjectMapper mapper;
    private final int buffer;
    private final Set<AlertSubscriber> open = ConcurrentHashMap.newKeySet();
    private final Counter slowClients;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sse-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public AlertStreams(AlertLog log, ObjectMapper mapper, ServingConfig config, MeterRegistry registry) {
        this.log = log;
        this.mapper = mapper;
        this.buffer = config.alerts().clientBuffer();
        this.slowClients = registry.counter("storepulse.serving.alert.streams.disconnected", "reason", "slow");
        registry.gaugeCollectionSize("storepulse.serving.alert.streams.open", List.of(), open);
        long every = config.alerts().heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Opens a stream; throws {@link IllegalArgumentException} for a {@code Last-Event-ID} that is no token. */
    public void open(SseEventSink sink, Sse sse, String lastEventId, Severity minSeverity) {
        ResumeToken from = lastEventId == null || lastEventId.isEmpty() ? null
                : ResumeToken.parse(lastEventId, log.partitions());
        AlertSubscriber subscriber = new AlertSubscriber(sink, sse, minSeverity, buffer, this::json, this::closed);
        open.add(subscriber);
        RetainedAlerts.Backlog backlog = log.subscribe(from, subscriber);
        subscriber.missed(backlog.complete() ? backlog.entries()
                : AlertRange.read(log.consumerConfig(), from, backlog.token(), log.partitions(), CATCH_UP_DEADLINE));
        subscriber.start();
    }

    private void closed(AlertSubscriber subscriber) {
        log.unsubscribe(subscriber);
        open.remove(subscriber);
        if (subscriber.overflowed()) {
            slowClients.increment();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        heartbeats.shutdownNow();
        open.forEach(AlertSubscriber::close);
    }

    private void heartbeat() {
        for (AlertSubscriber subscriber : open) {
            if (subscriber.isClosed()) {
                subscriber.close();
            } else {
                subscriber.heartbeat();
            }
        }
    }

    private String json(AlertEntry entry) {
        try {
            return mapper.writeValueAsString(AlertView.of(entry.alert()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
