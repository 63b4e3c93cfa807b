package io.storepulse.service.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code storepulse_consumer_lag_records} of the app's consumer group ({@code storepulse.consumer-lag.group}: the
 * processor's application id, serving-api's features group), every 15 s. An app without a group (the producer)
 * sets none and the probe does nothing.
 */
@ApplicationScoped
public class ConsumerLagProbe {

    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry registry;
    private final Optional<String> group;
    private Admin admin;
    private ConsumerLag lag;

    public ConsumerLagProbe(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry registry,
                            ConsumerLagConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.registry = registry;
        this.group = config.group().map(String::strip).filter(name -> !name.isEmpty());
    }

    /** The proxy is passed in, so the refresh goes through the timeout and circuit breaker below. */
    void start(@Observes StartupEvent started, ConsumerLagProbe self) {
        if (group.isEmpty()) {
            return;
        }
        synchronized (this) {
            admin = Admin.create(ClientConfigs.admin(kafkaConfig));
            lag = new ConsumerLag(registry, group.get());
        }
        lag.refreshEvery(Duration.ofSeconds(15), self::read);
    }

    synchronized void stop(@Observes ShutdownEvent stopped) {
        if (lag != null) {
            lag.close();
            admin.close(Duration.ofSeconds(5));
        }
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 60, delayUnit = ChronoUnit.SECONDS)
    public CompletionStage<Map<TopicPartition, Long>> read() {
        synchronized (this) {
            if (lag == null) {
                return CompletableFuture.completedFuture(Map.of());
            }
            return ConsumerLag.read(admin, lag.group());
        }
    }
}
