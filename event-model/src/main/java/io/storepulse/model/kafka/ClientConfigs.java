package io.storepulse.model.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Settings for the Kafka clients an app builds itself, taken from its whole Kafka configuration (Quarkus's
 * {@code default-kafka-broker} map of {@code kafka.*}: bootstrap servers, security protocol, SASL, TLS), so that no
 * client is built from the bootstrap address alone.
 */
public final class ClientConfigs {

    private ClientConfigs() {
    }

    /** The entries of {@code kafkaConfig} an admin client understands, in a new mutable map. */
    public static Map<String, Object> admin(Map<String, Object> kafkaConfig) {
        return known(kafkaConfig, AdminClientConfig.configNames());
    }

    /** The entries of {@code kafkaConfig} a consumer understands, in a new mutable map. */
    public static Map<String, Object> consumer(Map<String, Object> kafkaConfig) {
        return known(kafkaConfig, ConsumerConfig.configNames());
    }

    private static Map<String, Object> known(Map<String, Object> kafkaConfig, Set<String> names) {
        Map<String, Object> known = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (names.contains(key)) {
                known.put(key, value);
            }
        });
        return known;
    }
}
