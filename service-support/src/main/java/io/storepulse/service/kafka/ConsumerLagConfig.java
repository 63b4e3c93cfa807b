package io.storepulse.service.kafka;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** {@code storepulse.consumer-lag.*}: whose lag {@link ConsumerLagProbe} publishes. */
@ConfigMapping(prefix = "storepulse.consumer-lag")
public interface ConsumerLagConfig {

    /** The consumer group; none (the producer, which has no group) publishes nothing. */
    Optional<String> group();
}
