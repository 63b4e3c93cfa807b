package io.storepulse.serving;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.storepulse.avro.Severity;
import io.storepulse.serving.AlertsIT.SseClient;
import io.storepulse.testing.KafkaThroughProxy;
import io.storepulse.testing.StorePulseTestResource;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * serving-api reaches the broker through a proxy that black-holes every connection for 30 s while an alert and a
 * features update are written. Meanwhile it answers what it had, or {@code 503}, never something it was not told:
 * the alert list without the new alert, the features as they were. It is not restarted: afterwards the list, the SSE
 * stream (still open from before) and the features endpoint all have what was written during the black hole, the
 * stream each alert once.
 */
@QuarkusTest
@TestProfile(KafkaThroughProxy.class)
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class ServingKafkaBlackholeIT {

    private static final Duration PARTITION = Duration.ofSeconds(30);

    @TestHTTPResource("/v1/fraud/alerts/stream")
    URL stream;

    @Test
    void aBlackholedBrokerIsSurvivedWithoutARestartAndNothingIsMissedOrDoubled() throws Exception {
        assumeTrue(StorePulseTestResource.hasKafkaProxy(), "the proxy in front of Kafka exists on the plain local stack only");
        String run = UUID.randomUUID().toString();
        String user = "u-bh-" + run;
        Instant now = Instant.now();
        AlertsIT.send(AlertsIT.alert(user, "before-" + run, Severity.MEDIUM));
        FeaturesIT.send(FeaturesIT.features(user, 1, "1.00", now.minusSeconds(5), now));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(alertIds(alerts(), run)).containsExactly("before-" + run);
            assertThat(features(user).jsonPath().getInt("clicks_5m")).isEqualTo(1);
        });

        try (SseClient sse = SseClient.open(stream, null, null)) {
            TreeMap<Integer, Integer> answers = new TreeMap<>();
            StorePulseTestResource.kafkaProxy().blackhole();
            try {
                // Written by the tests' own producer, which keeps its direct link to the broker.
                AlertsIT.send(AlertsIT.alert(user, "during-" + run, Severity.MEDIUM));
                FeaturesIT.send(FeaturesIT.features(user, 2, "2.00", now.minusSeconds(4), now.plusSeconds(1)));
                long end = System.nanoTime() + PARTITION.toNanos();
                while (System.nanoTime() < end) {
                    Response list = alerts();
                    answers.merge(list.statusCode(), 1, Integer::sum);
                    assertThat(list.statusCode()).as("the alert list during the black hole: %s", list.asString())
                            .isIn(200, 503);
                    if (list.statusCode() == 200) {
                        assertThat(alertIds(list, run)).as("alerts served while the broker is out of reach")
                                .containsExactly("before-" + run);
                    }
                    Response features = features(user);
                    assertThat(features.statusCode()).as("the features during the black hole: %s", features.asString())
                            .isIn(200, 503);
                    if (features.statusCode() == 200) {
                        assertThat(features.jsonPath().getInt("clicks_5m")).as("features served meanwhile").isEqualTo(1);
                    }
                    Thread.sleep(1_000);
                }
            } finally {
                StorePulseTestResource.kafkaProxy().restore();
            }
            System.out.println("alert list answers during the black hole, by status: " + answers);

            assertThat(sse.alertsOf(user, 1, Duration.ofSeconds(90))).as("the stream, after the black hole")
                    .extracting(received -> AlertsIT.alertIdOf(received.data())).containsExactly("during-" + run);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(alertIds(alerts(), run)).containsExactly("during-" + run, "before-" + run);
                assertThat(features(user).jsonPath().getInt("clicks_5m")).isEqualTo(2);
            });
            // Same user, same partition: a repeat of "during" would come before this marker, nothing else may.
            AlertsIT.send(AlertsIT.alert(user, "after-" + run, Severity.MEDIUM));
            assertThat(sse.alertsOf(user, 1)).as("nothing twice on the stream")
                    .extracting(received -> AlertsIT.alertIdOf(received.data())).containsExactly("after-" + run);
        }
    }

    private static Response alerts() {
        return given().header("Authorization", ServingKeys.mainBearer()).queryParam("limit", 1000)
                .get("/v1/fraud/alerts");
    }

    private static Response features(String user) {
        return given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/{id}/features", user);
    }

    /** The ids, newest first, of the listed alerts of this run. */
    private static List<String> alertIds(Response list, String run) {
        assertThat(list.statusCode()).as("alert list: %s", list.asString()).isEqualTo(200);
        return list.jsonPath().getList("alert_id", String.class).stream().filter(id -> id.endsWith(run)).toList();
    }
}
