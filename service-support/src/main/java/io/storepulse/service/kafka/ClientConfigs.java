package io.storepulse.service.kafka;

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

    /**
     * A consumer that reads committed transactions only and commits nothing itself (no group unless the caller adds
     * one), named {@code clientId}: the settings of every reader an app runs beside its channels.
     */
    public static Map<String, Object> committedReader(Map<String, Object> kafkaConfig, String clientId) {
        Map<String, Object> reader = consumer(kafkaConfig);
        reader.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        reader.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return reader;
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
