package io.storepulse.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.service.json.ContractJson;
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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * serving-api's rankings over two real processor instances: each instance ranks the products of its own
 * partitions, the merged answer equals the hand-computed one, and while one instance is killed with SIGKILL and
 * the survivor takes over, every answer is either complete or a 503, never a ranking of some partitions only.
 */
class RankingsAcrossInstancesIT {

    private static final int PRODUCTS = 24;
    /** serving-api's API key, made up for this run: no key is written down. */
    private final String key = LocalPipeline.madeUpSecret();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private LocalPipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void theMergedRankingIsCompleteOrRefusedNeverPartialWhileAnInstanceDies(@TempDir Path work) throws Exception {
        pipeline = LocalPipeline.startKafka(work);
        Instant t = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String hour = ContractJson.time(t.truncatedTo(ChronoUnit.HOURS));
        produce(pipeline.bootstrap(), t);
        // Product i sold once for (i + 1) * 10.00 and has i units in stock: best sellers are 23 down to 0, and
        // 0 to 9 are below the low-stock mark of 10.
        List<String> bestSellers = new ArrayList<>();
        for (int i = PRODUCTS - 1; i >= 0; i--) {
            bestSellers.add(product(i));
        }
        List<String> lowStock = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lowStock.add(product(i));
        }

        int first = LocalPipeline.freePort();
        int second = LocalPipeline.freePort();
        int serving = LocalPipeline.freePort();
        Process a = pipeline.startProcessor(first, work.resolve("a"), work.resolve("a.log"));
        pipeline.startProcessor(second, work.resolve("b"), work.resolve("b.log"));
        pipeline.startServing(serving, "http://127.0.0.1:" + first + ",http://127.0.0.1:" + second, key,
                work.resolve("serving.log"));
        LocalPipeline.awaitReady(first);
        LocalPipeline.awaitReady(second);
        LocalPipeline.awaitReady(serving);

        String top = "http://127.0.0.1:" + serving + "/v1/products/top?limit=" + PRODUCTS + "&hour="
                + URLEncoder.encode(hour, StandardCharsets.UTF_8);
        String low = "http://127.0.0.1:" + serving + "/v1/inventory/low-stock?limit=1000";
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!complete(get(top), bestSellers) || !complete(get(low), lowStock)) {
            assertThat(System.nanoTime()).as("the merged rankings are complete within 90 s").isLessThan(deadline);
            Thread.sleep(1000);
        }
        JsonNode topAnswer = json.readTree(get(top).body());
        assertThat(topAnswer.path("products").get(0).path("revenue").decimalValue()).isEqualByComparingTo("240.00");
        assertThat(topAnswer.path("products").get(PRODUCTS - 1).path("revenue").decimalValue())
                .isEqualByComparingTo("10.00");
        assertThat(json.readTree(get(low).body()).path("total").asInt()).isEqualTo(10);

        JsonNode fromA = json.readTree(get("http://127.0.0.1:" + first + "/internal/v1/local/products/top-revenue?limit=1000&hour="
                + URLEncoder.encode(hour, StandardCharsets.UTF_8)).body());
        JsonNode fromB = json.readTree(get("http://127.0.0.1:" + second + "/internal/v1/local/products/top-revenue?limit=1000&hour="
                + URLEncoder.encode(hour, StandardCharsets.UTF_8)).body());
        Set<Integer> partitionsOfA = ints(fromA.path("partitions"));
        Set<Integer> partitionsOfB = ints(fromB.path("partitions"));
        assertThat(partitionsOfA).as("each instance holds some partitions").isNotEmpty();
        assertThat(partitionsOfB).isNotEmpty().doesNotContainAnyElementsOf(partitionsOfA);
        assertThat(partitionsOfA.size() + partitionsOfB.size()).isEqualTo(fromA.path("partition_count").asInt());
        assertThat(fromA.path("products").size() + fromB.path("products").size())
                .as("each product ranked by exactly one instance").isEqualTo(PRODUCTS);

        a.destroyForcibly().waitFor();
        long killed = System.nanoTime();
        int refused = 0;
        Duration recovered = null;
        while (Duration.ofNanos(System.nanoTime() - killed).compareTo(Duration.ofSeconds(60)) < 0) {
            HttpResponse<String> answer = get(top);
            if (answer.statusCode() == 503) {
                assertThat(answer.headers().firstValue("Retry-After")).as("a 503 says when to ask again").isPresent();
                refused++;
            } else {
                assertThat(answer.statusCode()).as("status while failing over: " + answer.body()).isEqualTo(200);
                assertThat(complete(answer, bestSellers)).as("a 200 while failing over is complete: " + answer.body())
                        .isTrue();
                if (refused > 0 && recovered == null) {
                    recovered = Duration.ofNanos(System.nanoTime() - killed);
                }
            }
            if (recovered != null && Duration.ofNanos(System.nanoTime() - killed).compareTo(recovered.plusSeconds(3)) > 0) {
                break;
            }
            Thread.sleep(250);
        }
        System.out.printf("after SIGKILL of one instance: %d answers were 503, complete again after %s%n", refused,
                recovered);
        assertThat(recovered).as("the survivor answers for every partition within 60 s").isNotNull();
        HttpResponse<String> lowAfter = get(low);
        assertThat(complete(lowAfter, lowStock)).as("low stock after the failover: " + lowAfter.statusCode() + " "
                + lowAfter.body()).isTrue();
    }

    private boolean complete(HttpResponse<String> answer, List<String> expected) throws IOException {
        if (answer.statusCode() != 200) {
            return false;
        }
        List<String> products = new ArrayList<>();
        json.readTree(answer.body()).path("products").forEach(p -> products.add(p.path("product_id").asText()));
        return products.equals(expected);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<Integer> ints(JsonNode array) {
        Set<Integer> values = new HashSet<>();
        array.forEach(value -> values.add(value.asInt()));
        return values;
    }

    private static String product(int i) {
        return String.format("p-rank-%02d", i);
    }

    private static void produce(String bootstrap, Instant t) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < PRODUCTS; i++) {
                String user = "u-rank-" + i;
                BigDecimal price = BigDecimal.valueOf((i + 1) * 10L).setScale(2);
                producer.send(new ProducerRecord<>(Topics.PURCHASE_EVENTS, null, t.toEpochMilli(), user,
                        Codecs.PURCHASE.encode(PurchaseEvent.newBuilder().setEventId("e-rank-p-" + i).setUserId(user)
                                .setSessionId("s-1").setOrderId("o-rank-" + i)
                                .setItems(List.of(new PurchaseItem(product(i), 1, price))).setAmount(price)
                                .setCurrency("USD").setPaymentMethod(PaymentMethod.CREDIT_CARD)
                                .setIpAddress("203.0.113.7").setCountry("US").setDeviceType(DeviceType.DESKTOP)
                                .setEventTime(t).build())));
                // The report comes after the sale, so the sale is already counted in it.
                Instant reported = t.plusSeconds(1);
                producer.send(new ProducerRecord<>(Topics.INVENTORY_EVENTS, null, reported.toEpochMilli(), product(i),
                        Codecs.INVENTORY.encode(InventoryEvent.newBuilder().setEventId("e-rank-i-" + i)
                                .setProductId(product(i)).setWarehouseId("w-1")
                                .setOperation(InventoryOperation.ADJUSTMENT).setQuantityChange(-1)
                                .setCurrentQuantity(i).setEventTime(reported).build())));
            }
        }
    }
}
