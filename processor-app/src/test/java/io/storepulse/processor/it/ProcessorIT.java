package io.storepulse.processor.it;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storepulse.avro.ClickEventType;
import io.storepulse.model.Topics;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.storepulse.processor.it.InputRecords.item;
import static io.storepulse.processor.it.InputRecords.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/** The topology on the real broker, exactly-once, answered through the internal query endpoints. */
@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreeHttpPort.class, scope = TestResourceScope.GLOBAL)
class ProcessorIT {

    private static final Instant T = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    @RegisterExtension
    static final InputRecords inputs = new InputRecords();

    @Test
    void sessionsRevenueAndInventoryAreQueryableWithHandComputedValues() {
        String user = unique("u");
        String product = unique("p");
        inputs.click(user, "e-1" + user, ClickEventType.PAGE_VIEW, T);
        inputs.click(user, "e-2" + user, ClickEventType.ADD_TO_CART, T.plusSeconds(60));
        inputs.purchase(user, "e-3" + user, List.of(item(product, 2, "19.99")), T.plusSeconds(120));
        inputs.purchase(user, "e-3" + user, List.of(item(product, 2, "19.99")), T.plusSeconds(120));   // duplicate
        inputs.inventory(product, "w-1", 100, T);
        inputs.inventory(product, "w-2", 5, T.plusSeconds(10));
        inputs.flush();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().redirects().follow(true)
                .get("/internal/v1/users/{id}/sessions", user).then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].events", equalTo(3))
                .body("[0].add_to_carts", equalTo(1))
                .body("[0].purchases", equalTo(1))
                .body("[0].revenue", equalTo(39.98f))
                .body("[0].converted", equalTo(true))
                .body("[0].session_start", equalTo(millis(T))));
        // Revenue goes through the product-keyed repartition topic: one more transaction after the sessions.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/internal/v1/products/{id}/revenue", product)
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].revenue", equalTo(39.98f))
                .body("[0].units", equalTo(2))
                .body("[0].orders", equalTo(1))
                .body("[0].window_start", equalTo(millis(T.plusSeconds(120).truncatedTo(ChronoUnit.HOURS)))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/internal/v1/products/{id}/inventory", product)
                .then().statusCode(200)
                .body("current_quantity", equalTo(105))
                .body("low_stock", equalTo(false)));
        given().get("/internal/v1/users/{id}/sessions?from={from}", user, millis(T.plusSeconds(121))).then()
                .statusCode(200).body("$", hasSize(0));
    }

    @Test
    void purchasesAfterTheNewestReportLowerTheEstimatedQuantity() {
        String product = unique("p");
        inputs.inventory(product, "w-1", 12, T);
        inputs.flush();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/internal/v1/products/{id}/inventory", product)
                .then().statusCode(200).body("current_quantity", equalTo(12)));

        String user = unique("u");
        inputs.purchase(user, "e-1" + user, List.of(item(product, 3, "4.00")), T.plusSeconds(30));
        inputs.flush();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/internal/v1/products/{id}/inventory", product)
                .then().statusCode(200)
                .body("current_quantity", equalTo(12))
                .body("low_stock", equalTo(false))
                .body("units_sold_since_report", equalTo(3))
                .body("estimated_quantity", equalTo(9)));
    }

    @Test
    void badInputGoesToTheDlqAndLateEventsToLateEventsWhileTheStreamFlows() {
        String user = unique("u");
        inputs.send(Topics.CLICK_EVENTS, user, "not avro".getBytes(StandardCharsets.UTF_8), Instant.now());
        inputs.click(user, "e-ok" + user, ClickEventType.PAGE_VIEW, T.plusSeconds(200));
        inputs.click(user, "e-late" + user, ClickEventType.PAGE_VIEW, T.minus(30, ChronoUnit.MINUTES));
        inputs.flush();

        List<ConsumerRecord<String, byte[]>> dead = TestKafka.read(Topics.deadLetterOf(Topics.CLICK_EVENTS),
                r -> user.equals(r.key()), 1, Duration.ofSeconds(60));
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
        assertThat(header(dead.get(0), "dlq.source.topic")).isEqualTo(Topics.CLICK_EVENTS);
        List<ConsumerRecord<String, byte[]>> late = TestKafka.read(Topics.LATE_EVENTS, r -> user.equals(r.key()), 1,
                Duration.ofSeconds(60));
        assertThat(late).hasSize(1);
        assertThat(Long.parseLong(header(late.get(0), "late.by.ms"))).isGreaterThan(Duration.ofMinutes(10).toMillis());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/internal/v1/users/{id}/sessions", user)
                .then().statusCode(200).body("$", hasSize(1)).body("[0].events", equalTo(1)));
    }

    @Test
    void unknownIdsAreEmptyListsOr404AndBadParametersAre400() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().get("/internal/v1/products/{id}/inventory", unique("p")).then().statusCode(404);
        given().get("/internal/v1/products/{id}/revenue", unique("p")).then().statusCode(200).body("$", hasSize(0));
        given().get("/internal/v1/users/{id}/sessions", unique("u")).then().statusCode(200).body("$", hasSize(0));
        given().get("/internal/v1/users/u-1/sessions?from=yesterday").then().statusCode(400)
                .body("error", equalTo("from: must be an ISO-8601 instant such as 2026-11-21T10:00:00.000Z"));
        given().get("/internal/v1/products/{id}/revenue", "p".repeat(65)).then().statusCode(400);
    }

    @Test
    void everyErrorHasTheJsonBodyEvenForUnknownPathsAndMethods() {
        given().get("/internal/v1/products/{id}/inventory", unique("p")).then().statusCode(404)
                .contentType(ContentType.JSON).body("error", equalTo("nothing is known of this id"));
        given().get("/internal/v1/no-such-thing").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", not(emptyOrNullString()));
        given().post("/internal/v1/instances").then().statusCode(405).contentType(ContentType.JSON)
                .body("error", not(emptyOrNullString()));
        given().accept("text/csv").get("/internal/v1/instances").then().statusCode(406)
                .contentType(ContentType.JSON).body("error", not(emptyOrNullString()));
    }

    @Test
    void metricsShowFreshnessConsumerLagAndRequestBucketsAndOutputsCarryTheWriteTime() {
        String user = unique("u");
        long before = System.currentTimeMillis();
        inputs.click(user, "e-m" + user, ClickEventType.PAGE_VIEW, Instant.now().minusSeconds(30));
        inputs.flush();
        List<ConsumerRecord<String, byte[]>> features = TestKafka.read(Topics.USER_FEATURES, r -> user.equals(r.key()),
                1, Duration.ofSeconds(60));
        assertThat(Long.parseLong(header(features.get(0), Topics.Headers.SOURCE_WRITTEN_AT)))
                .isBetween(before, System.currentTimeMillis());

        given().get("/internal/v1/users/{id}/sessions", user).then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String metrics = ScrapedMetrics.scrape();
            // The newest click any test wrote is at least 30 s old and at most a few minutes.
            assertThat(ScrapedMetrics.sample(metrics, "storepulse_pipeline_freshness_seconds{topic=\"click-events\"}"))
                    .isBetween(30.0, 600.0);
            assertThat(metrics).containsPattern(
                    "storepulse_consumer_lag_records\\{group=\"storepulse-processor\",partition=\"\\d+\",topic=\"click-events\"}");
            assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{.*le=\"0\\.005\"}");
        });
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static String millis(Instant instant) {
        return io.storepulse.service.json.ContractJson.time(instant);
    }

}
