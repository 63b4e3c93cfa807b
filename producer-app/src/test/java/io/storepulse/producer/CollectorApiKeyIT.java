package io.storepulse.producer;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.storepulse.testing.StorePulseTestResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * With {@code storepulse.collector.require-api-key=true}: every {@code /v1} request is authenticated before
 * anything else, against every configured key (two during a rotation); health stays open.
 */
@QuarkusTest
@TestProfile(CollectorApiKeyIT.KeyRequired.class)
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class CollectorApiKeyIT {

    /** Both keys of a rotation, made up per run from {@code quarkus.uuid}: no key is written down. */
    public static class KeyRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("storepulse.collector.require-api-key", "true",
                    "storepulse.api-key", "${quarkus.uuid}-new,${quarkus.uuid}-old");
        }
    }

    @Test
    void withoutAValidKeyEveryV1RequestIs401WhateverItsPathOrAccept() {
        String one = Events.array(Events.inventory(Events.unique("key"), "p-key", Events.recentTime()));
        given().contentType(ContentType.JSON).body(one).post("/v1/events").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").contentType(ContentType.JSON)
                .body("error", equalTo("missing credentials: send Authorization: Bearer <api key>"));
        given().header("Authorization", "Bearer " + keys().get(0) + "x").contentType(ContentType.JSON).body(one)
                .post("/v1/events").then().statusCode(401).body("error", equalTo("invalid api key"));
        given().accept("text/csv").get("/v1/no-such-path").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void bothKeysOfARotationAreAccepted() {
        List<String> keys = keys();
        assertThat(keys).as("the two keys of the rotation").hasSize(2).doesNotHaveDuplicates();
        for (String key : keys) {
            String one = Events.array(Events.inventory(Events.unique("key"), "p-key", Events.recentTime()));
            given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(one)
                    .post("/v1/events").then().statusCode(202).body("accepted", equalTo(1));
        }
    }

    /** The keys the app under test was given; read in each test, once its configuration exists. */
    private static List<String> keys() {
        return ConfigProvider.getConfig().getValues("storepulse.api-key", String.class);
    }
}
