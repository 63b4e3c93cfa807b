package io.storepulse.testing;

import io.storepulse.stack.AppEnvironment;
import io.storepulse.stack.StackConfig;
import io.storepulse.stack.StackSecrets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecuredAppPropertiesTest {

    @TempDir
    static Path dataDir;
    private static StackConfig config;
    private static StackSecrets secrets;

    @BeforeAll
    static void secrets() {
        config = StackConfig.defaults(dataDir).secured();
        secrets = StackSecrets.loadOrCreate(config.secretsDir());
    }

    @Test
    void everyAppGetsItsOwnKafkaLogin() {
        for (String app : AppEnvironment.APPS) {
            Map<String, String> properties = properties(app);
            assertThat(properties).containsEntry("kafka.security.protocol", "SASL_SSL")
                    .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("kafka.ssl.truststore.type", "PEM")
                    .containsEntry("kafka.ssl.truststore.location", secrets.caPem().toString());
        }
        assertThat(properties("producer-app").get("kafka.sasl.jaas.config")).contains("storepulse-producer");
        assertThat(properties("processor-app").get("kafka.sasl.jaas.config")).contains("storepulse-processor");
        assertThat(properties("serving-api").get("kafka.sasl.jaas.config")).contains("storepulse-serving");
    }

    @Test
    void servingApiLogsInToRedisOverTls() {
        Map<String, String> properties = properties("serving-api");
        assertThat(properties.get("quarkus.redis.hosts"))
                .isEqualTo("rediss://" + StackSecrets.REDIS_USER + ":" + secrets.redisPassword() + "@127.0.0.1:6379");
        assertThat(properties).containsEntry("quarkus.redis.tls-configuration-name", "redis")
                .containsEntry("quarkus.tls.redis.trust-store.pem.certs", secrets.caPem().toString());
        assertThat(properties("producer-app")).doesNotContainKey("quarkus.redis.hosts");
    }

    @Test
    void theProcessorSignsItsS3RequestsWithTheStacksKeys() {
        assertThat(properties("processor-app"))
                .containsEntry("quarkus.s3.aws.credentials.static-provider.access-key-id", secrets.s3AccessKey())
                .containsEntry("quarkus.s3.aws.credentials.static-provider.secret-access-key", secrets.s3SecretKey());
    }

    @Test
    void aVariableWithNoKnownPropertyFails() {
        assertThatThrownBy(() -> SecuredAppProperties.of(Map.of("STOREPULSE_NEW_SECRET", "x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STOREPULSE_NEW_SECRET");
    }

    private static Map<String, String> properties(String app) {
        return SecuredAppProperties.of(AppEnvironment.of(app, config, secrets));
    }
}
