package io.storepulse.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.storepulse.model.Topics;
import io.storepulse.model.validation.JsonMutations;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 500 request bodies of mutated events ({@link JsonMutations}) posted to the running collector in front of the real
 * broker: each is answered {@code 202} with every event accepted or rejected with its errors, or {@code 400} with the
 * reason for the whole body, never anything else; and the input topics grow by exactly the events it accepted. The
 * seed is printed; {@code -Dstorepulse-test.fuzz-seed=N} repeats a run.
 */
@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class CollectorFuzzIT {

    private static final int BODIES = 500;

    @Test
    void everyBodyIsAnsweredAndExactlyTheAcceptedEventsReachKafka() {
        long seed = Long.getLong("storepulse-test.fuzz-seed", System.nanoTime());
        System.out.println("collector fuzz seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        long before = inputRecords();
        int accepted = 0;
        int rejected = 0;
        int refused = 0;
        for (int i = 0; i < BODIES; i++) {
            JsonMutations.Body body = JsonMutations.body(random);
            Response response = given().contentType(ContentType.JSON).body(body.json()).post("/v1/events");
            String answer = "seed " + seed + ", body " + body.json() + ": " + response.statusCode() + " " + response.asString();
            switch (response.statusCode()) {
                case 202 -> {
                    int taken = response.jsonPath().getInt("accepted");
                    List<List<String>> errors = response.jsonPath().getList("rejected.errors");
                    assertThat(taken + errors.size()).as(answer).isEqualTo(body.events());
                    assertThat(errors).as(answer).allSatisfy(e -> assertThat(e).isNotEmpty());
                    accepted += taken;
                    rejected += errors.size();
                }
                case 400 -> {
                    assertThat(response.jsonPath().getString("error")).as(answer).isNotBlank();
                    refused++;
                }
                default -> throw new AssertionError(answer);
            }
        }
        System.out.printf("collector fuzz: %d events accepted, %d rejected, %d bodies refused%n", accepted, rejected, refused);
        assertThat(accepted).as("accepted events").isPositive();
        assertThat(rejected).as("rejected events").isPositive();
        assertThat(refused).as("refused bodies").isPositive();
        // A 202 comes once Kafka has acknowledged every accepted event: they are all there now, and nothing more.
        assertThat(inputRecords() - before).as("records added to the input topics (seed %d)", seed).isEqualTo(accepted);
    }

    /** The records on the three input topics: their end offsets (the collector's producer writes no transactions). */
    private static long inputRecords() {
        try (KafkaConsumer<String, byte[]> consumer = TestKafka.consumer()) {
            List<TopicPartition> partitions = Topics.INPUTS.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())))
                    .toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
