package io.storepulse.model.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.HashMap;
import java.util.Map;

/** Admin-client settings taken from an app's Kafka configuration (bootstrap servers, security, SASL, TLS). */
public final class AdminConfigs {

    private AdminConfigs() {
    }

    /** The entries of {@code kafkaConfig} an admin client understands, in a new mutable map. */
    public static Map<String, Object> from(Map<String, Object> kafkaConfig) {
        Map<String, Object> admin = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                admin.put(key, value);
            }
        });
        return admin;
    }
}
