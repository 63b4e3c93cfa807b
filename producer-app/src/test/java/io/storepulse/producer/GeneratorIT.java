package io.storepulse.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.storepulse.model.Topics;
import io.storepulse.avro.ClickEvent;
import io.storepulse.model.codec.AvroCodec;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.codec.Codecs;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class GeneratorIT {

    @Test
    void startRunsAtTheRequestedRateAndStopStops() throws InterruptedException {
        given().get("/v1/generator").then().statusCode(200).body("running", equalTo(false));

        JsonPath started = given().contentType(ContentType.JSON).body("{\"rate\":1000}")
                .post("/v1/generator/start")
                .then().statusCode(200)
                .body("running", equalTo(true))
                .body("rate", equalTo(1000))
                .extract().jsonPath();
        // This run's events, and no other test's: the event ids carry the run seed.
        String runEvents = "e-" + Long.toHexString(started.getLong("run_seed")) + "-";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/v1/generator").then()
                .body("totals.acknowledged", greaterThan(1000)));
        // The rate over 5 s once running: what it generated per second, within 25 % of what was asked.
        long before = generated();
        long from = System.nanoTime();
        Thread.sleep(5_000);
        double rate = (generated() - before) / ((System.nanoTime() - from) / 1e9);
        assertThat(rate).as("events/s").isBetween(750.0, 1250.0);
        given().post("/v1/generator/stop").then().statusCode(200).body("running", equalTo(false));

        long generated = generated();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/v1/generator").then()
                .body("totals.in_flight", equalTo(0))
                .body("totals.failed", equalTo(0)));
        assertThat(generated()).as("nothing is generated once stopped").isEqualTo(generated);
        assertThat(TestKafka.read(Topics.CLICK_EVENTS, ofRun(Codecs.CLICK, ClickEvent::getEventId, runEvents),
                1_000, Duration.ofSeconds(20))).as("this run's clicks on click-events").hasSizeGreaterThanOrEqualTo(1_000);
    }

    private static long generated() {
        return given().get("/v1/generator").then().statusCode(200).extract().jsonPath().getLong("totals.generated");
    }

    /** Records of the run whose event ids start with {@code runEvents}; its malformed records are no event at all. */
    private static <T extends SpecificRecord> Predicate<ConsumerRecord<String, byte[]>> ofRun(
            AvroCodec<T> codec, Function<T, String> eventId, String runEvents) {
        return record -> {
            try {
                return eventId.apply(codec.decode(record.value())).startsWith(runEvents);
            } catch (CodecException e) {
                return false;
            }
        };
    }

    @Test
    void aRateOutOfRangeIsA400() {
        given().contentType(ContentType.JSON).body("{\"rate\":0}")
                .post("/v1/generator/start")
                .then().statusCode(400)
                .body("error", startsWith("rate must be between 1 and"));
        given().contentType(ContentType.JSON).body("{\"rate\":-5}")
                .post("/v1/generator/start")
                .then().statusCode(400);
    }
}
