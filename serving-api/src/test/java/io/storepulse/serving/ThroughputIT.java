package io.storepulse.serving;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.storepulse.model.Topics;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Events per second from the real input topics' end offsets (sampled every 250 ms, averaged over 2 s in tests),
 * and a {@code 503} instead of a stale number while Kafka is down.
 */
@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class ThroughputIT {


    @Test
    void aSteadyHundredClicksPerSecondReadsAsAboutAHundred() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/pipeline/throughput").then().statusCode(200));
        try (KafkaProducer<String, byte[]> producer = TestKafka.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
            long start = System.nanoTime();
            JsonPath during = null;
            for (int sent = 0; sent < 500; sent++) {           // one click every 10 ms for 5 s
                long due = start + sent * 10_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                }
                producer.send(new ProducerRecord<>(Topics.CLICK_EVENTS, "u-rate", new byte[] {1}));
                if (sent == 450) {                               // 4.5 s in: the 2 s span is all steady sending
                    during = given().header("Authorization", ServingKeys.mainBearer()).get("/v1/pipeline/throughput").then()
                            .statusCode(200).extract().jsonPath();
                }
            }
            assertThat(during.getDouble("topics.click-events")).as("click-events per second").isBetween(60.0, 140.0);
            assertThat(during.getDouble("events_per_second")).isEqualTo(during.getDouble("topics.click-events"));
            assertThat(during.getDouble("topics.purchase-events")).isZero();
            assertThat(during.getDouble("topics.inventory-events")).isZero();
            assertThat(during.getDouble("span_seconds")).isBetween(1.9, 3.0);
            assertThat(during.getList("history")).as("a reading every 250 ms for the sparkline").hasSizeGreaterThan(5);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/pipeline/throughput").then().statusCode(200).body("events_per_second", equalTo(0.0f)));
    }

    @Test
    void whileKafkaIsDownTheRateIsUnavailableNotStale() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/pipeline/throughput").then().statusCode(200));
        StorePulseTestResource.stopKafka();
        try {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                    .get("/v1/pipeline/throughput").then().statusCode(503).header("Retry-After", "1")
                    .body("error", startsWith("the input topics' end offsets could not be read recently")));
        } finally {
            StorePulseTestResource.resumeKafka();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/pipeline/throughput").then().statusCode(200));
    }
}
