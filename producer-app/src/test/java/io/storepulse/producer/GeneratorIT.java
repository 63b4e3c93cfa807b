package io.storepulse.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storepulse.model.Topics;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;

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
    void startRunsAtTheRequestedRateAndStopStops() {
        given().get("/v1/generator").then().statusCode(200).body("running", equalTo(false));

        given().contentType(ContentType.JSON).body("{\"rate\":1000}")
                .post("/v1/generator/start")
                .then().statusCode(200)
                .body("running", equalTo(true))
                .body("rate", equalTo(1000));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/v1/generator").then()
                .body("totals.acknowledged", greaterThan(2000)));
        given().post("/v1/generator/stop").then().statusCode(200).body("running", equalTo(false));

        long generated = given().get("/v1/generator").then().extract().jsonPath().getLong("totals.generated");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/v1/generator").then()
                .body("totals.in_flight", equalTo(0))
                .body("totals.failed", equalTo(0)));
        assertThat(given().get("/v1/generator").then().extract().jsonPath().getLong("totals.generated"))
                .as("nothing is generated once stopped").isEqualTo(generated);
        assertThat(TestKafka.read(Topics.CLICK_EVENTS, r -> true, 100, Duration.ofSeconds(20))).hasSizeGreaterThanOrEqualTo(100);
        assertThat(TestKafka.read(Topics.INVENTORY_EVENTS, r -> true, 1, Duration.ofSeconds(20))).isNotEmpty();
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
