package io.storepulse.serving;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storepulse.model.Topics;
import io.storepulse.testing.StorePulseTestResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/**
 * Runs only in the build's secured execution ({@code storepulse-test.stack.secure=true}), beside AlertsIT and
 * FeaturesIT: proves that those tests really ran against a secured stack, with serving-api holding its own
 * credentials, and not against a plain one that a broken secure mode fell back to.
 */
@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class SecuredTestStackIT {

    @Test
    void theAppUnderTestHoldsItsOwnSaslLoginAndRedisOverTls() {
        Config config = ConfigProvider.getConfig();
        assertThat(config.getValue("kafka.security.protocol", String.class)).isEqualTo("SASL_SSL");
        assertThat(config.getValue("kafka.sasl.mechanism", String.class)).isEqualTo("SCRAM-SHA-512");
        assertThat(config.getValue("kafka.sasl.jaas.config", String.class))
                .contains("username=\"storepulse-serving\"");
        assertThat(config.getValue("quarkus.redis.hosts", String.class)).startsWith("rediss://");
        // Ready means its consumers, the alert log and Redis all answered with those credentials.
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theBrokerRefusesAClientWithoutSecurityAndServesTheAdministrator() throws Exception {
        Map<String, Object> plain = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, StorePulseTestResource.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(plain)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS))
                    .as("a PLAINTEXT client of the secured broker")
                    .isInstanceOf(ExecutionException.class);
        }
        try (Admin admin = Admin.create(StorePulseTestResource.kafkaClientConfig())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(Topics.FRAUD_ALERTS);
        }
    }
}
