package io.storepulse.serving;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storepulse.testing.StorePulseTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * How serving-api relays queries to the processor: the owner's answer through a redirect, a dead instance skipped,
 * the processor's 503 with its Retry-After, 404, and parameters checked before anything is asked.
 */
@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ProcessorStubs.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class QueryRelayIT {


    @Test
    void theOwnersAnswerIsRelayedThroughARedirectAndPastADeadInstance() {
        for (int i = 0; i < 4; i++) {      // every other call first tries the dead instance, then retries on A
            given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/u-a/sessions?from=2026-11-21T10:00:00.000Z")
                    .then().statusCode(200).body("[0].user_id", equalTo("u-a"))
                    .body("[0].query", equalTo("from=2026-11-21T10%3A00%3A00.000Z"));
        }
        int before = ProcessorStubs.REQUESTS_TO_B.get();
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/u-b/sessions").then().statusCode(200)
                .body("[0].user_id", equalTo("u-b"));
        org.assertj.core.api.Assertions.assertThat(ProcessorStubs.REQUESTS_TO_B.get()).isEqualTo(before + 1);
    }

    @Test
    void aDeadInstanceIsPassedOverSoItsFailuresDoNotOpenTheCircuit() {
        // Without passing over it, every request would try the dead instance first: half of all attempts would fail,
        // and past 20 attempts the circuit would open and refuse every request with 503.
        for (int i = 0; i < 40; i++) {
            given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/u-a/sessions").then().statusCode(200)
                    .body("[0].user_id", equalTo("u-a"));
        }
    }

    @Test
    void theProcessorsUnavailableAndNotFoundAreRelayed() {
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/u-moving/sessions").then().statusCode(503)
                .header("Retry-After", "7");
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/products/p-unknown/inventory").then().statusCode(404)
                .body("error", equalTo("nothing is known of this id"));
    }

    @Test
    void badParametersAre400BeforeTheProcessorIsAsked() {
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/u-a/sessions?to=tomorrow").then().statusCode(400)
                .body("error", startsWith("to: "));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/products/{id}/revenue", "p\u00011").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("productId: must not contain control characters"));
    }

    @Test
    void anIdOfAnyCharactersIsRelayedAsOneEncodedPathSegment() {
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/{id}/sessions", "u \u00fc\ud83d\ude00").then().statusCode(200)
                .body("[0].raw_path", org.hamcrest.Matchers.equalTo("/internal/v1/users/u%20%C3%BC%F0%9F%98%80/sessions"));
    }
}
