package io.storepulse.service.kafka;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClientConfigsTest {

    /** What Quarkus's default-kafka-broker map holds on a secured cluster, and entries no client knows. */
    static final Map<String, Object> SECURED = Map.of(
            "bootstrap.servers", "broker-1:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.type", "PEM",
            "ssl.truststore.location", "/etc/storepulse/kafka-ca/ca.crt",
            "health-timeout-ms", "2000",
            "devservices.enabled", "false");

    static final Map<String, Object> SECURITY = Map.of(
            "bootstrap.servers", "broker-1:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.type", "PEM",
            "ssl.truststore.location", "/etc/storepulse/kafka-ca/ca.crt");

    @Test
    void consumerKeepsBootstrapAndSecurityAndDropsWhatNoConsumerKnows() {
        assertThat(ClientConfigs.consumer(SECURED)).containsExactlyInAnyOrderEntriesOf(SECURITY);
    }

    @Test
    void adminKeepsBootstrapAndSecurityAndDropsWhatNoAdminKnows() {
        assertThat(ClientConfigs.admin(SECURED)).containsExactlyInAnyOrderEntriesOf(SECURITY);
    }

    @Test
    void aCommittedReaderKeepsTheSecurityAndReadsCommittedTransactionsOnly() {
        assertThat(ClientConfigs.committedReader(SECURED, "reader-1")).containsAllEntriesOf(SECURITY)
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("client.id", "reader-1")
                .doesNotContainKey("group.id");
    }

    @Test
    void consumerSettingsAreAFreshMutableMap() {
        Map<String, Object> consumer = ClientConfigs.consumer(SECURED);
        consumer.put("isolation.level", "read_committed");
        assertThat(ClientConfigs.consumer(SECURED)).doesNotContainKey("isolation.level");
        assertThat(ClientConfigs.consumer(Map.of("isolation.level", "read_committed")))
                .containsEntry("isolation.level", "read_committed");
    }
}
