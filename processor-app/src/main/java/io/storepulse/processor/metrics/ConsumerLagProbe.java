package io.storepulse.processor.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.storepulse.model.kafka.ClientConfigs;
import io.storepulse.model.kafka.ConsumerLag;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** {@code storepulse_consumer_lag_records} of the processor's consumer group (its application id), every 15 s. */
@ApplicationScoped
public class ConsumerLagProbe {

    private final Admin admin;
    private final ConsumerLag lag;

    public ConsumerLagProbe(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry,
                            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId) {
        this.admin = Admin.create(ClientConfigs.admin(kafkaConfig));
        this.lag = new ConsumerLag(registry, applicationId);
    }

    /** The proxy is passed in, so the refresh goes through the timeout and circuit breaker below. */
    void start(@Observes StartupEvent started, ConsumerLagProbe self) {
        lag.refreshEvery(Duration.ofSeconds(15), self::read);
    }

    void stop(@Observes ShutdownEvent stopped) {
        lag.close();
        admin.close(Duration.ofSeconds(5));
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 60, delayUnit = ChronoUnit.SECONDS)
    public CompletionStage<Map<TopicPartition, Long>> read() {
        return ConsumerLag.read(admin, lag.group());
    }
}
