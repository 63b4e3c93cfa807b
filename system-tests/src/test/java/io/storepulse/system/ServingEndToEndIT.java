package io.storepulse.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every serving-api endpoint against the real thing: a Kafka broker, Redis, two processor-app instances and
 * serving-api, each its own JVM. Every expected number is worked out by hand from the events sent. Then one
 * processor is killed with SIGKILL and serving-api answers for every user again, from the survivor, within 30 s.
 */
class ServingEndToEndIT {

    /** serving-api's API key, made up for this run: no key is written down. */
    private final String key = LocalPipeline.madeUpSecret();
    private static final int USERS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalPipeline pipeline;
    private int serving;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void everyEndpointAnswersFromTheLiveStateAndQueriesSurviveTheLossOfAProcessor(@TempDir Path work) throws Exception {
        pipeline = LocalPipeline.startKafkaAndRedis(work);
        int first = LocalPipeline.freePort();
        int second = LocalPipeline.freePort();
        serving = LocalPipeline.freePort();
        Process a = pipeline.startProcessor(first, work.resolve("a"), work.resolve("a.log"));
        Process b = pipeline.startProcessor(second, work.resolve("b"), work.resolve("b.log"));
        pipeline.startServing(serving, "http://127.0.0.1:" + first + ",http://127.0.0.1:" + second, key,
                work.resolve("serving.log"));
        LocalPipeline.awaitReady(first);
        LocalPipeline.awaitReady(second);
        LocalPipeline.awaitReady(serving);

        // The stream starts with alerts detected after it opens: open it before the fraud is sent.
        BlockingQueue<String> stream = new LinkedBlockingQueue<>();
        http.sendAsync(request("/v1/fraud/alerts/stream").header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(stream::add));
        Thread.sleep(1_000);

        Instant t = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        send(t);

        // Sessions of every user, through whichever processor owns each: three clicks a minute apart.
        Within.await(Duration.ofSeconds(90), System.nanoTime(), "every user's session through serving-api",
                this::allUsersAnswer);
        // A click and a purchase, on two partitions: done once both are in the one session.
        JsonNode buyer = awaitJson("/v1/users/u-e2e-buyer/sessions",
                body -> body.size() == 1 && body.get(0).path("events").asInt() == 2);
        assertThat(buyer.get(0).get("purchases").asInt()).isEqualTo(1);
        assertThat(buyer.get(0).get("revenue").decimalValue()).isEqualByComparingTo("39.98");   // 2 x 19.99
        assertThat(buyer.get(0).get("converted").asBoolean()).isTrue();

        JsonNode revenue = awaitJson("/v1/products/p-e2e-1/revenue", body -> body.size() == 1);
        assertThat(revenue.get(0).get("revenue").decimalValue()).isEqualByComparingTo("39.98");
        assertThat(revenue.get(0).get("units").asInt()).isEqualTo(2);
        assertThat(revenue.get(0).get("orders").asInt()).isEqualTo(1);
        assertThat(revenue.get(0).get("window_start").asText())
                .isEqualTo(t.plusSeconds(60).truncatedTo(ChronoUnit.HOURS).toString().replace("Z", ".000Z"));

        // Two warehouses: 5 + 3 = 8, below 10.
        JsonNode stock = awaitJson("/v1/products/p-e2e-1/inventory", body -> body.path("current_quantity").asInt() == 8);
        assertThat(stock.get("low_stock").asBoolean()).isTrue();

        // The click and the purchase are on two partitions: live, whichever arrives first is processed first, so the
        // features are final once both are counted.
        JsonNode features = awaitJson("/v1/users/u-e2e-buyer/features",
                body -> body.path("purchases_24h").asInt() == 1 && body.path("clicks_1h").asInt() == 1);
        assertThat(features.get("spend_24h").decimalValue()).isEqualByComparingTo("39.98");
        assertThat(features.get("last_event_time").asText()).isEqualTo(t.plusSeconds(60).toString().replace("Z", ".000Z"));

        // A purchase of 6,000 is an AMOUNT_SPIKE: in the list, and on the stream that was open.
        JsonNode alerts = awaitJson("/v1/fraud/alerts", body -> body.size() == 1);
        assertThat(alerts.get(0).get("rule").asText()).isEqualTo("AMOUNT_SPIKE");
        assertThat(alerts.get(0).get("user_id").asText()).isEqualTo("u-e2e-fraud");
        String alertId = alerts.get(0).get("alert_id").asText();
        assertThat(streamedAlertId(stream, Duration.ofSeconds(30))).isEqualTo(alertId);

        assertThat(http.send(HttpRequest.newBuilder(URI.create(url("/v1/fraud/alerts"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(get("/v1/users/u-e2e-nobody/sessions").body()).isEqualTo("[]");
        assertThat(get("/v1/products/p-e2e-nothing/inventory").statusCode()).isEqualTo(404);

        a.destroyForcibly().waitFor();
        Duration took = Within.await(Duration.ofSeconds(30), System.nanoTime(),
                "every user answered again after one processor was killed", this::allUsersAnswer);
        System.out.printf("after SIGKILL of one processor, serving-api answered for every user again in %d ms%n",
                took.toMillis());
        assertThat(b.isAlive()).isTrue();
    }

    private boolean allUsersAnswer() throws IOException, InterruptedException {
        for (int user = 0; user < USERS; user++) {
            HttpResponse<String> response = get("/v1/users/u-e2e-" + user + "/sessions");
            if (response.statusCode() != 200 || !response.body().contains("\"events\":3")) {
                return false;
            }
        }
        return true;
    }

    /** The {@code id} of the first {@code fraud-alert} event on the stream, read from its {@code data}. */
    private static String streamedAlertId(BlockingQueue<String> stream, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean inAlert = false;
        while (System.nanoTime() < deadline) {
            String line = stream.poll(500, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event:") && line.substring("event:".length()).trim().equals("fraud-alert")) {
                inAlert = true;
            } else if (inAlert && line.startsWith("data:")) {
                return JSON.readTree(line.substring("data:".length())).get("alert_id").asText();
            }
        }
        throw new AssertionError("no fraud-alert event on the stream within " + timeout);
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(path);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode body = JSON.readTree(response.body());
                if (done.test(body)) {
                    return body;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(path + " did not answer as expected within 60 s; last: " + last);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Bearer " + key);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + serving + path;
    }

    private void send(Instant t) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.bootstrap(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int user = 0; user < USERS; user++) {
                for (int click = 0; click < 3; click++) {
                    click(producer, "u-e2e-" + user, "e-" + user + "-" + click, t.plusSeconds(click * 60L));
                }
            }
            click(producer, "u-e2e-buyer", "e-buyer-click", t);
            purchase(producer, "u-e2e-buyer", "e-buyer-purchase", "p-e2e-1", 2, "19.99", t.plusSeconds(60));
            purchase(producer, "u-e2e-fraud", "e-fraud", "p-e2e-2", 1, "6000.00", t.plusSeconds(90));
            inventory(producer, "w-1", 5, t);
            inventory(producer, "w-2", 3, t.plusSeconds(1));
        }
    }

    private static void click(KafkaProducer<String, byte[]> producer, String user, String id, Instant time) {
        producer.send(new ProducerRecord<>(Topics.CLICK_EVENTS, user, Codecs.CLICK.encode(ClickEvent.newBuilder()
                .setEventId(id).setUserId(user).setSessionId("s-1").setEventType(ClickEventType.PAGE_VIEW)
                .setPageUrl("/").setDeviceType(DeviceType.DESKTOP).setIpAddress("203.0.113.7").setCountry("US")
                .setEventTime(time).build())));
    }

    private static void purchase(KafkaProducer<String, byte[]> producer, String user, String id, String product,
                                 int quantity, String price, Instant time) {
        BigDecimal amount = new BigDecimal(price).multiply(BigDecimal.valueOf(quantity));
        producer.send(new ProducerRecord<>(Topics.PURCHASE_EVENTS, user, Codecs.PURCHASE.encode(PurchaseEvent.newBuilder()
                .setEventId(id).setUserId(user).setSessionId("s-1").setOrderId("o-" + id)
                .setItems(List.of(new PurchaseItem(product, quantity, new BigDecimal(price)))).setAmount(amount)
                .setCurrency("USD").setPaymentMethod(PaymentMethod.CREDIT_CARD).setIpAddress("203.0.113.7")
                .setCountry("US").setDeviceType(DeviceType.MOBILE).setEventTime(time).build())));
    }

    private static void inventory(KafkaProducer<String, byte[]> producer, String warehouse, int quantity, Instant time) {
        producer.send(new ProducerRecord<>(Topics.INVENTORY_EVENTS, "p-e2e-1", Codecs.INVENTORY.encode(
                InventoryEvent.newBuilder().setEventId("e-stock-" + warehouse).setProductId("p-e2e-1")
                        .setWarehouseId(warehouse).setOperation(InventoryOperation.RESTOCK).setQuantityChange(quantity)
                        .setCurrentQuantity(quantity).setEventTime(time).build())));
    }
}
