package io.storepulse.serving.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.storepulse.model.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code storepulse_end_to_end_latency_seconds{result}}: wall clock from the input event's write to Kafka (carried
 * by the processor in the {@code storepulse.source.written.at} header) to the moment its result can be served here:
 * {@code features} once Redis has the update, {@code alerts} once the alert is in the log the API and the SSE
 * streams read. Buckets from 10 ms to 60 s.
 */
@ApplicationScoped
public class EndToEndLatency {

    private final Timer features;
    private final Timer alerts;

    public EndToEndLatency(MeterRegistry registry) {
        this.features = timer(registry, "features");
        this.alerts = timer(registry, "alerts");
    }

    private static Timer timer(MeterRegistry registry, String result) {
        return Timer.builder("storepulse.end.to.end.latency")
                .description("Wall clock from an input event's write to Kafka to its result being servable")
                .tag("result", result)
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
                        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
                        Duration.ofSeconds(60))
                .register(registry);
    }

    public void featuresServable(Headers headers) {
        record(features, headers);
    }

    public void alertServable(Headers headers) {
        record(alerts, headers);
    }

    private void record(Timer timer, Headers headers) {
        Header writtenAt = headers.lastHeader(Topics.Headers.SOURCE_WRITTEN_AT);
        if (writtenAt == null) {
            return;
        }
        try {
            long millis = System.currentTimeMillis() - Long.parseLong(new String(writtenAt.value(), StandardCharsets.US_ASCII));
            timer.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
        } catch (NumberFormatException e) {
            // A header this app did not write: no latency to learn from it.
        }
    }
}
