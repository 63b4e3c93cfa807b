package io.storepulse.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class CollectorIT {

    @Test
    void eventsOfAllThreeTypesLandInKafkaAsAvroFieldForField() {
        String user = Events.unique("u");
        String product = Events.unique("p");
        String time = Events.recentTime();
        String clickId = Events.unique("e");
        String purchaseId = Events.unique("e");
        String inventoryId = Events.unique("e");

        long before = System.currentTimeMillis();
        given().contentType(ContentType.JSON)
                .body(Events.array(Events.click(clickId, user, time), Events.purchase(purchaseId, user, time),
                        Events.inventory(inventoryId, product, time)))
                .post("/v1/events")
                .then().statusCode(202)
                .body("accepted", equalTo(3))
                .body("rejected", empty());

        ConsumerRecord<String, byte[]> clickRecord = only(Topics.CLICK_EVENTS, user);
        ClickEvent click = Codecs.CLICK.decode(clickRecord.value());
        // Input topics stamp records with the broker's append time, whatever the producer sends.
        assertThat(clickRecord.timestamp()).isBetween(before, System.currentTimeMillis());
        assertThat(click.getEventId()).isEqualTo(clickId);
        assertThat(click.getUserId()).isEqualTo(user);
        assertThat(click.getSessionId()).isEqualTo("s-1");
        assertThat(click.getEventType()).isEqualTo(ClickEventType.ADD_TO_CART);
        assertThat(click.getPageUrl()).isEqualTo("/products/p-7");
        assertThat(click.getProductId()).isEqualTo("p-7");
        assertThat(click.getReferrer()).isEqualTo("https://search.example/q");
        assertThat(click.getDeviceType()).isEqualTo(DeviceType.TABLET);
        assertThat(click.getIpAddress()).isEqualTo("203.0.113.7");
        assertThat(click.getCountry()).isEqualTo("DE");
        assertThat(click.getEventTime()).isEqualTo(Instant.parse(time));
        assertThat(click.getProperties()).isEqualTo(Map.of("campaign", "bf", "ab", "b"));

        PurchaseEvent purchase = Codecs.PURCHASE.decode(only(Topics.PURCHASE_EVENTS, user).value());
        assertThat(purchase.getEventId()).isEqualTo(purchaseId);
        assertThat(purchase.getOrderId()).isEqualTo("o-9");
        assertThat(purchase.getItems()).hasSize(2);
        assertThat(purchase.getItems().get(0).getProductId()).isEqualTo("p-7");
        assertThat(purchase.getItems().get(0).getQuantity()).isEqualTo(2);
        assertThat(purchase.getItems().get(0).getUnitPrice()).isEqualByComparingTo("19.99");
        assertThat(purchase.getItems().get(1).getUnitPrice()).isEqualByComparingTo("0.05");
        assertThat(purchase.getAmount()).isEqualByComparingTo("40.03");
        assertThat(purchase.getCurrency()).isEqualTo("EUR");
        assertThat(purchase.getPaymentMethod()).isEqualTo(PaymentMethod.DIGITAL_WALLET);
        assertThat(purchase.getCardFingerprint()).isNull();
        assertThat(purchase.getIpAddress()).isEqualTo("2001:db8::1");
        assertThat(purchase.getDeviceType()).isEqualTo(DeviceType.MOBILE);
        assertThat(purchase.getEventTime()).isEqualTo(Instant.parse(time));

        InventoryEvent inventory = Codecs.INVENTORY.decode(only(Topics.INVENTORY_EVENTS, product).value());
        assertThat(inventory.getEventId()).isEqualTo(inventoryId);
        assertThat(inventory.getWarehouseId()).isEqualTo("w-2");
        assertThat(inventory.getOperation()).isEqualTo(InventoryOperation.RESTOCK);
        assertThat(inventory.getQuantityChange()).isEqualTo(40);
        assertThat(inventory.getCurrentQuantity()).isEqualTo(140);
    }

    @Test
    void invalidEventsAreListedAndTheValidOnesStillWritten() {
        String user = Events.unique("u");
        String time = Events.recentTime();
        String bad = Events.click(Events.unique("e"), user, time).replace("\"DE\"", "\"ZZ\"");

        given().contentType(ContentType.JSON)
                .body(Events.array(Events.click(Events.unique("e"), user, time), bad, "{\"type\":\"refund\"}",
                        Events.purchase(Events.unique("e"), user, time)))
                .post("/v1/events")
                .then().statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected.index", contains(1, 2))
                .body("rejected[0].errors[0]", startsWith("country: must be an ISO-3166 alpha-2 code"))
                .body("rejected[1].errors[0]", startsWith("type: unknown value 'refund'"));

        assertThat(TestKafka.read(Topics.CLICK_EVENTS, r -> user.equals(r.key()), 2, Duration.ofSeconds(5)))
                .as("only the valid click").hasSize(1);
        assertThat(TestKafka.read(Topics.PURCHASE_EVENTS, r -> user.equals(r.key()), 1, Duration.ofSeconds(10))).hasSize(1);
    }

    @Test
    void ndjsonRejectionsAreNumberedByLine() {
        String user = Events.unique("u");
        String time = Events.recentTime();
        String body = Events.click(Events.unique("e"), user, time).replace("\n", "") + "\n"
                + "\n"
                + "{not json\n"
                + Events.purchase(Events.unique("e"), user, time).replace("\n", "").replace("\"EUR\"", "\"eur\"") + "\n"
                + Events.purchase(Events.unique("e"), user, time).replace("\n", "") + "\n";

        given().contentType("application/x-ndjson").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/events")
                .then().statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected.index", contains(2, 3))
                .body("rejected[1].errors[0]", startsWith("currency: must be three capital letters"));
    }

    @Test
    void aBodyThatIsNotJsonIsA400() {
        given().contentType(ContentType.JSON).body("this is not json")
                .post("/v1/events")
                .then().statusCode(400)
                .body("error", startsWith("the body is not valid JSON"));
        given().contentType(ContentType.JSON).body("{\"type\":\"click\"}")
                .post("/v1/events")
                .then().statusCode(400)
                .body("error", startsWith("expected a JSON array of events"));
    }

    @Test
    void moreThanTenThousandEventsIsA413() {
        String body = "[" + String.join(",", java.util.Collections.nCopies(10_001, "{}")) + "]";

        given().contentType(ContentType.JSON).body(body)
                .post("/v1/events")
                .then().statusCode(413)
                .body("error", notNullValue());
    }

    @Test
    void aBodyOverFourMebibytesIsA413() throws Exception {
        String padding = "x".repeat(4 * 1024 * 1024);
        String body = "[" + Events.click("e-big", "u-big", Events.recentTime()).replace("\"bf\"", "\"" + padding + "\"") + "]";
        // The server answers from Content-Length alone; with 100-continue the client learns it before sending 4 MiB.
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/v1/events"))
                .header("Content-Type", "application/json")
                .expectContinue(true)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();

        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void anEventLargerThanOneRecordMayBeIsRejectedAndTheRestTaken() {
        String user = Events.unique("u");
        String time = Events.recentTime();
        String large = Events.click(user + "-large", user, time).replace("\"bf\"", "\"" + "x".repeat(1_200_000) + "\"");
        String small = Events.click(user + "-small", user, time);

        given().contentType(ContentType.JSON).body("[" + large + "," + small + "]")
                .post("/v1/events")
                .then().statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected[0].index", equalTo(0))
                .body("rejected[0].errors[0]", startsWith("event: 1200"))
                .body("rejected[0].errors[0]", endsWith("bytes of JSON, more than the 1000000 one event may take"));
        assertThat(TestKafka.read(Topics.CLICK_EVENTS, r -> user.equals(r.key()), 1, Duration.ofSeconds(20)))
                .extracting(r -> Codecs.CLICK.decode(r.value()).getEventId()).containsExactly(user + "-small");
    }

    @Test
    void tenThousandEventsAreAcceptedInOneRequest() {
        String user = Events.unique("u");
        String time = Events.recentTime();
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            events.add(Events.click(user + "-e" + i, user, time));
        }

        given().contentType(ContentType.JSON).body(Events.array(events.toArray(String[]::new)))
                .post("/v1/events")
                .then().statusCode(202)
                .body("accepted", equalTo(10_000))
                .body("rejected", hasSize(0));

        assertThat(TestKafka.read(Topics.CLICK_EVENTS, r -> user.equals(r.key()), 10_000, Duration.ofSeconds(30)))
                .hasSize(10_000);
    }

    private static ConsumerRecord<String, byte[]> only(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> records = TestKafka.read(topic, r -> key.equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(records).as("records with key %s on %s", key, topic).hasSize(1);
        return records.get(0);
    }
}
