package io.storepulse.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.storepulse.testing.StorePulseTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

/** The collector's limits as configured: a per-client rate (429 with Retry-After) and CORS for listed origins only. */
@QuarkusTest
@TestProfile(CollectorLimitsIT.Limits.class)
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class CollectorLimitsIT {

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("storepulse.collector.rate-limit", "2", "storepulse.collector.rate-burst", "3",
                    "quarkus.http.cors.origins", "https://shop.example");
        }
    }

    @Test
    void aClientPastItsRateGets429WithRetryAfterAndNothingOfItIsTaken() {
        String time = Events.recentTime();
        String three = Events.array(Events.inventory(Events.unique("lim"), "p-lim", time),
                Events.inventory(Events.unique("lim"), "p-lim", time), Events.inventory(Events.unique("lim"), "p-lim", time));
        given().contentType(ContentType.JSON).body(three).post("/v1/events").then().statusCode(202)
                .body("accepted", equalTo(3));
        // Each request of 3 events costs 1.5 s of a 2 events/s rate: a client sending them back to back overdraws
        // its bucket of 3 within a few requests (however long the first, which also warms the app up, took).
        int status = 202;
        io.restassured.response.Response refused = null;
        for (int i = 0; i < 6 && status == 202; i++) {
            refused = given().contentType(ContentType.JSON).body(three).post("/v1/events");
            status = refused.statusCode();
        }
        refused.then().statusCode(429).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("error", containsString("nothing of this request was accepted"));
    }

    @Test
    void corsPreflightIsAllowedForTheConfiguredOriginOnly() {
        given().header("Origin", "https://shop.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").options("/v1/events").then()
                .statusCode(200).header("Access-Control-Allow-Origin", equalTo("https://shop.example"));
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .options("/v1/events").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
