package io.storepulse.processor.it;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The topology on the real broker, exactly-once, answered through the internal query endpoints. */
@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreeHttpPort.class, scope = TestResourceScope.GLOBAL)
class ProcessorIT {

    private static final Instant T = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void producer() {
        producer = TestKafka.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"));
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void sessionsRevenueAndInventoryAreQueryableWithHandComputedValues() {
        String user = unique("u");
        String product = unique("p");
        click(user, "e-1" + user, ClickEventType.PAGE_VIEW, T);
        click(user, "e-2" + user, ClickEventType.ADD_TO_CART, T.plusSeconds(60));
        purchase(user, "e-3" + user, product, 2, "19.99", T.plusSeconds(120));
        purchase(user, "e-3" + user, product, 2, "19.99", T.plusSeconds(120));   // duplicate
        inventory(product, "w-1", 100, T);
        inventory(product, "w-2", 5, T.plusSeconds(10));
        producer.flush();

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
        inventory(product, "w-1", 12, T);
        producer.flush();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/internal/v1/products/{id}/inventory", product)
                .then().statusCode(200).body("current_quantity", equalTo(12)));

        String user = unique("u");
        purchase(user, "e-1" + user, product, 3, "4.00", T.plusSeconds(30));
        producer.flush();
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
        producer.send(new ProducerRecord<>(Topics.CLICK_EVENTS, user, "not avro".getBytes(StandardCharsets.UTF_8)));
        click(user, "e-ok" + user, ClickEventType.PAGE_VIEW, T.plusSeconds(200));
        click(user, "e-late" + user, ClickEventType.PAGE_VIEW, T.minus(30, ChronoUnit.MINUTES));
        producer.flush();

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
    void metricsShowFreshnessConsumerLagAndRequestBucketsAndOutputsCarryTheWriteTime() {
        String user = unique("u");
        long before = System.currentTimeMillis();
        click(user, "e-m" + user, ClickEventType.PAGE_VIEW, Instant.now().minusSeconds(30));
        producer.flush();
        List<ConsumerRecord<String, byte[]>> features = TestKafka.read(Topics.USER_FEATURES, r -> user.equals(r.key()),
                1, Duration.ofSeconds(60));
        assertThat(Long.parseLong(header(features.get(0), Topics.Headers.SOURCE_WRITTEN_AT)))
                .isBetween(before, System.currentTimeMillis());

        given().get("/internal/v1/users/{id}/sessions", user).then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            // The newest click any test wrote is at least 30 s old and at most a few minutes.
            assertThat(sample(metrics, "storepulse_pipeline_freshness_seconds{topic=\"click-events\"}"))
                    .isBetween(30.0, 600.0);
            assertThat(metrics).containsPattern(
                    "storepulse_consumer_lag_records\\{group=\"storepulse-processor\",partition=\"\\d+\",topic=\"click-events\"}");
            assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{.*le=\"0\\.005\"}");
        });
    }

    /** The value of the sample whose name and labels are exactly {@code series}. */
    private static double sample(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " is not in /q/metrics"));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    private static String millis(Instant instant) {
        return io.storepulse.model.json.ContractJson.time(instant);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void click(String user, String id, ClickEventType type, Instant time) {
        send(Topics.CLICK_EVENTS, user, Codecs.CLICK.encode(ClickEvent.newBuilder().setEventId(id).setUserId(user)
                .setSessionId("s-1").setEventType(type).setPageUrl("/").setDeviceType(DeviceType.DESKTOP)
                .setIpAddress("203.0.113.7").setCountry("US").setEventTime(time).build()), time);
    }

    private static void purchase(String user, String id, String product, int quantity, String price, Instant time) {
        BigDecimal amount = new BigDecimal(price).multiply(BigDecimal.valueOf(quantity));
        send(Topics.PURCHASE_EVENTS, user, Codecs.PURCHASE.encode(PurchaseEvent.newBuilder().setEventId(id).setUserId(user)
                .setSessionId("s-1").setOrderId("o-" + id).setItems(List.of(new PurchaseItem(product, quantity, new BigDecimal(price))))
                .setAmount(amount).setCurrency("USD").setPaymentMethod(PaymentMethod.CREDIT_CARD).setIpAddress("203.0.113.7")
                .setCountry("US").setDeviceType(DeviceType.MOBILE).setEventTime(time).build()), time);
    }

    private static void inventory(String product, String warehouse, int quantity, Instant time) {
        send(Topics.INVENTORY_EVENTS, product, Codecs.INVENTORY.encode(InventoryEvent.newBuilder()
                .setEventId(unique("e")).setProductId(product).setWarehouseId(warehouse)
                .setOperation(InventoryOperation.RESTOCK).setQuantityChange(quantity).setCurrentQuantity(quantity)
                .setEventTime(time).build()), time);
    }

    private static void send(String topic, String key, byte[] value, Instant time) {
        producer.send(new ProducerRecord<>(topic, null, time.toEpochMilli(), key, value));
    }
}
