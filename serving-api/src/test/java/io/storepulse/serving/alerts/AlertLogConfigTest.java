package io.storepulse.serving.alerts;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storepulse.serving.config.ServingConfig;
import io.storepulse.serving.metrics.EndToEndLatency;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert log's consumer (and the alert range's, which reads with the same settings) uses the app's security. */
class AlertLogConfigTest {

    @Test
    void consumerCarriesTheWholeKafkaConfigurationAndItsOwnSettings() {
        Map<String, Object> kafka = Map.of(
                "bootstrap.servers", "broker-1:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/storepulse/kafka-ca/ca.crt",
                "health-timeout-ms", "2000");
        AlertLog log = new AlertLog(kafka, config(), new EndToEndLatency(new SimpleMeterRegistry()));

        assertThat(log.consumerConfig())
                .containsEntry("bootstrap.servers", "broker-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .containsEntry("ssl.truststore.location", "/etc/storepulse/kafka-ca/ca.crt")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false)
                .doesNotContainKey("health-timeout-ms");
    }

    /** ServingConfig with its alerts' retained count; nothing else of it is read by the constructor. */
    static ServingConfig config() {
        ServingConfig.Alerts alerts = (ServingConfig.Alerts) Proxy.newProxyInstance(
                AlertLogConfigTest.class.getClassLoader(), new Class<?>[]{ServingConfig.Alerts.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "retained" -> 100;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ServingConfig) Proxy.newProxyInstance(AlertLogConfigTest.class.getClassLoader(),
                new Class<?>[]{ServingConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "alerts" -> alerts;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
