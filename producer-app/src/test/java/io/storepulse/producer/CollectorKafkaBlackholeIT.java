package io.storepulse.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.storepulse.avro.ClickEvent;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.testing.KafkaThroughProxy;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The collector reaches the broker through a proxy that black-holes every connection for 30 s (no byte moves, no
 * connection is refused: a network partition, where {@code CollectorKafkaOutageIT} stops the broker). Posts keep
 * coming, one event each: every answer is {@code 202} or {@code 503} with {@code Retry-After}, within the collector's
 * 10 s acknowledgement timeout; afterwards it answers {@code 202} again by itself; and on the topic each event
 * answered {@code 202} is there exactly once, each answered {@code 503} at most once.
 */
@QuarkusTest
@TestProfile(KafkaThroughProxy.class)
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class CollectorKafkaBlackholeIT {

    private static final Duration PARTITION = Duration.ofSeconds(30);

    @Test
    void postsDuringABlackholeAre202Or503AndEachAcceptedEventIsWrittenOnce() throws InterruptedException {
        assumeTrue(StorePulseTestResource.hasKafkaProxy(), "the proxy in front of Kafka exists on the plain local stack only");
        String user = Events.unique("u");
        Map<String, Integer> answers = new HashMap<>();
        assertThat(post(user, "e-warm-" + user, answers).statusCode()).isEqualTo(202);

        Map<Integer, Integer> statuses = new TreeMap<>();
        StorePulseTestResource.kafkaProxy().blackhole();
        try {
            long end = System.nanoTime() + PARTITION.toNanos();
            for (int i = 0; System.nanoTime() < end; i++) {
                long started = System.nanoTime();
                Response answer = post(user, "e-" + i + "-" + user, answers);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                statuses.merge(answer.statusCode(), 1, Integer::sum);
                assertThat(answer.statusCode()).as("answer %s while Kafka is unreachable", answer.asString()).isIn(202, 503);
                if (answer.statusCode() == 503) {
                    assertThat(answer.header("Retry-After")).isNotBlank();
                }
                assertThat(took).as("a post while Kafka is unreachable").isLessThan(Duration.ofSeconds(15));
                Thread.sleep(200);
            }
        } finally {
            StorePulseTestResource.kafkaProxy().restore();
        }
        System.out.println("collector answers while Kafka was black-holed: " + statuses);
        assertThat(statuses).as("answers during the black hole").containsKey(503);

        // A new id per try: a try answered 503 may still reach the topic, as a client's retry would.
        AtomicInteger tries = new AtomicInteger();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> post(user, "e-after-" + tries.getAndIncrement() + "-" + user, answers).statusCode() == 202);

        Map<String, Integer> written = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TestKafka.readToEnd(Topics.CLICK_EVENTS, r -> user.equals(r.key()))) {
            ClickEvent click = Codecs.CLICK.decode(record.value());
            written.merge(click.getEventId(), 1, Integer::sum);
        }
        answers.forEach((id, status) -> {
            if (status == 202) {
                assertThat(written.get(id)).as("event %s, answered 202", id).isEqualTo(1);
            } else {
                assertThat(written.getOrDefault(id, 0)).as("event %s, answered %d", id, status).isLessThanOrEqualTo(1);
            }
        });
        assertThat(written.keySet()).as("events on the topic").isSubsetOf(answers.keySet());
    }

    /** Posts one click with a new id, and notes the answer. */
    private static Response post(String user, String id, Map<String, Integer> answers) {
        Response answer = given().contentType(ContentType.JSON)
                .body(Events.array(Events.click(id, user, Events.recentTime()))).post("/v1/events");
        assertThat(answers.put(id, answer.statusCode())).as("id %s posted once", id).isNull();
        return answer;
    }
}
