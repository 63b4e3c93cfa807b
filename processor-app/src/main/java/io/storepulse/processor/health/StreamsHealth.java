package io.storepulse.processor.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.util.EnumSet;
import java.util.Set;

/**
 * Alive while the streams run, rebalance or start (restarting the pod would not help); ready only while RUNNING,
 * when every query can be answered.
 */
@ApplicationScoped
public class StreamsHealth {

    static final Set<KafkaStreams.State> ALIVE =
            EnumSet.of(KafkaStreams.State.CREATED, KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);

    private final KafkaStreams streams;

    public StreamsHealth(KafkaStreams streams) {
        this.streams = streams;
    }

    @Produces
    @Liveness
    HealthCheck alive() {
        return () -> check(ALIVE.contains(streams.state()));
    }

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> check(streams.state() == KafkaStreams.State.RUNNING);
    }

    private HealthCheckResponse check(boolean up) {
        return HealthCheckResponse.named("kafka-streams").status(up).withData("state", streams.state().name()).build();
    }
}
