package io.storepulse.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.storepulse.model.Topics;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class CollectorKafkaOutageIT {

    @Test
    void withTheBrokerStoppedTheCollectorAnswers503AndRecoversAfterwards() {
        String user = Events.unique("u");
        StorePulseTestResource.stopKafka();
        try {
            Response down = given().contentType(ContentType.JSON)
                    .body(Events.array(Events.click(Events.unique("e"), user, Events.recentTime())))
                    .post("/v1/events");

            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.header("Retry-After")).isNotBlank();
            assertThat(down.jsonPath().getString("error")).contains("nothing of this request was accepted");
            assertThat(down.jsonPath().getString("accepted")).isNull();
            given().get("/q/health/ready").then().statusCode(503);
        } finally {
            StorePulseTestResource.resumeKafka();
        }

        String after = Events.unique("u");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                given().contentType(ContentType.JSON)
                        .body(Events.array(Events.click(Events.unique("e"), after, Events.recentTime())))
                        .post("/v1/events")
                        .then().statusCode(202));
        assertThat(TestKafka.read(Topics.CLICK_EVENTS, r -> after.equals(r.key()), 1, Duration.ofSeconds(20))).isNotEmpty();
        given().get("/q/health/ready").then().statusCode(200);
    }
}
