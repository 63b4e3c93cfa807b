package io.storepulse.serving;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storepulse.avro.UserFeatures;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Online features: user-features into Redis, served over REST, through a Redis outage. */
@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class FeaturesIT {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");

    @Inject
    RedisDataSource redis;

    @Test
    void anUpdateIsServedFromRedisWithATtlAndAnOlderOneNeverOverwritesIt() {
        String user = "u-" + UUID.randomUUID();
        send(features(user, 7, "120.50", T.plusSeconds(60), T.plusSeconds(61)));
        send(features(user, 3, "10.00", T, T.plusSeconds(62)));     // older event time, computed later: ignored

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/users/{id}/features", user).then().statusCode(200)
                .body("user_id", equalTo(user))
                .body("clicks_5m", equalTo(7))
                .body("spend_24h", equalTo(120.50f))
                .body("last_event_time", equalTo("2026-11-21T10:01:00.000Z")));
        // The older one was read after the newer one: once a later record of its partition is served, it has been
        // handled, and it must have changed nothing.
        String marker = TestKafka.keyOnSamePartition(Topics.USER_FEATURES, user, "marker-" + UUID.randomUUID() + "-");
        send(features(marker, 1, "1.00", T, T));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/users/{id}/features", marker).then().statusCode(200));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/{id}/features", user).then().body("clicks_5m", equalTo(7));
        long ttl = redis.key().pttl("storepulse:features:" + user);
        assertThat(ttl).isBetween(Duration.ofHours(23).toMillis(), Duration.ofHours(24).toMillis());

        send(features(user, 9, "130.00", T.plusSeconds(60), T.plusSeconds(70)));   // same event time, recomputed
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/users/{id}/features", user).then().body("clicks_5m", equalTo(9)));
    }

    @Test
    void whileRedisIsDownTheEndpointAnswers503FastAndEveryUpdateArrivesAfterwards() {
        String user = "u-" + UUID.randomUUID();
        send(features(user, 1, "1.00", T, T));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/users/{id}/features", user).then().statusCode(200));

        StorePulseTestResource.stopRedis();
        try {
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/{id}/features", user).then().statusCode(503)
                        .header("Retry-After", org.hamcrest.Matchers.notNullValue());
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            }
            given().get("/q/health/ready").then().statusCode(200);     // queries and alerts still work
            for (int i = 2; i <= 20; i++) {
                send(features(user, i, i + ".00", T.plusSeconds(i), T.plusSeconds(i)));
            }
        } finally {
            StorePulseTestResource.resumeRedis();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/users/{id}/features", user).then().statusCode(200)
                .body("clicks_5m", equalTo(20))
                .body("last_event_time", equalTo("2026-11-21T10:00:20.000Z")));
    }

    @Test
    void unknownUsersAre404AndBadIdsAre400() {
        // 404 once Redis is known to hold every partition's features (503 before: it cannot tell yet).
        String unknown = "u-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/users/{id}/features", unknown).then().statusCode(404)
                .body("error", equalTo("no features for user " + unknown)));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/{id}/features", "u\u0007x").then().statusCode(400)
                .body("error", equalTo("userId: must not contain control characters"));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/{id}/features", "u".repeat(65)).then().statusCode(400)
                .body("error", equalTo("userId: must be 1-64 characters, was 65"));
    }

    @Test
    void anyIdTheCollectorAcceptsCanBeAskedFor() {
        // 64 characters, counted as the collector counts them: a character outside the BMP is one.
        String user = "u ü " + UUID.randomUUID().toString().substring(0, 8) + " "
                + new String(Character.toChars(0x1F600)).repeat(51);
        assertThat(user.codePointCount(0, user.length())).isEqualTo(64);
        send(features(user, 3, "3.00", T, T));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/users/{id}/features", user).then().statusCode(200).body("user_id", equalTo(user)));
    }

    @Test
    void afterRedisLosesEverythingTheFeaturesAreRebuiltFromTheTopicAnd503UntilThen() throws InterruptedException {
        Instant now = Instant.now();
        String user = "u-" + UUID.randomUUID();
        String gone = "u-" + UUID.randomUUID();
        send(features(user, 4, "40.00", now.minusSeconds(5), now));
        // Last updated two days ago: served while Redis keeps it, but a rebuild must not bring it back.
        send(features(gone, 2, "20.00", now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2))));
        for (String id : new String[] {user, gone}) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                    .get("/v1/users/{id}/features", id).then().statusCode(200));
        }

        // Redis loses everything and, in the same transaction, takes no write for a while: nothing can be rebuilt yet,
        // so each answer meanwhile is the rebuild's 503 (a 404 would claim the user unknown). Reads still pass.
        redis.withConnection(connection -> {
            connection.execute("MULTI");
            connection.execute("FLUSHALL");
            connection.execute("CLIENT", "PAUSE", "10000", "WRITE");
            connection.execute("EXEC");
        });
        try {
            for (int i = 0; i < 5; i++) {
                given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/{id}/features", user).then()
                        .statusCode(503).body("error", equalTo("the features of user " + user
                                + " are being rebuilt in Redis from user-features; try again shortly"));
                Thread.sleep(200);
            }
        } finally {
            redis.execute("CLIENT", "UNPAUSE");
        }
        Map<Integer, Integer> answers = new TreeMap<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            int status = given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/{id}/features", user).statusCode();
            answers.merge(status, 1, Integer::sum);
            return status == 200;
        });
        assertThat(answers).as("answers while Redis was rebuilt").doesNotContainKey(404);
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/{id}/features", user).then().statusCode(200)
                .body("clicks_5m", equalTo(4))
                .body("spend_24h", equalTo(40.00f));
        assertThat(redis.key().pttl("storepulse:features:" + user)).isPositive();
        // Once its partition is rebuilt, the expired user is unknown: 404, never its old features again.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/users/{id}/features", gone).then().statusCode(404));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/{id}/features", user).then().statusCode(200);
    }

    @Test
    void credentialsAreCheckedAndRolesEnforcedWhileHealthStaysOpen() {
        given().get("/v1/users/u-1/features").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer wrong").get("/v1/users/u-1/features").then().statusCode(401);
        given().header("Authorization", ServingKeys.alertsOnlyBearer()).get("/v1/users/u-1/features").then()
                .statusCode(403);
        given().header("Authorization", ServingKeys.alertsOnlyBearer()).get("/v1/users/u-1/sessions").then()
                .statusCode(403);
        // A /v1 endpoint naming no role (a forgotten @RolesAllowed) is closed to every key, not open to any.
        given().header("Authorization", ServingKeys.alertsOnlyBearer()).get("/v1/test-only/unlisted").then()
                .statusCode(403).body("error", equalTo("this endpoint is open to no API key"));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/test-only/unlisted").then().statusCode(403);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void eachUpdateRedisTakesRecordsTheLatencyFromItsInputEventsWrite() {
        String user = "u-" + UUID.randomUUID();
        double count = latency("_count{result=\"features\"}");
        double underTen = latency("_bucket{result=\"features\",le=\"10.0\"}");
        double underThirty = latency("_bucket{result=\"features\",le=\"30.0\"}");
        UserFeatures update = features(user, 1, "1.00", T, T);
        // Its input event was written 20 s ago, as far as the header says: the latency is 20 s plus the time it
        // takes to get here (under 10 s even on a loaded machine).
        TestKafka.send(Topics.USER_FEATURES, user, Codecs.FEATURES.encode(update), new RecordHeaders().add(
                Topics.Headers.SOURCE_WRITTEN_AT, Long.toString(System.currentTimeMillis() - 20_000)
                        .getBytes(StandardCharsets.US_ASCII)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/users/{id}/features", user).then().statusCode(200));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(latency("_count{result=\"features\"}")).isEqualTo(count + 1));
        assertThat(latency("_bucket{result=\"features\",le=\"10.0\"}")).isEqualTo(underTen);
        assertThat(latency("_bucket{result=\"features\",le=\"30.0\"}")).isEqualTo(underThirty + 1);
    }

    private static double latency(String series) {
        String name = "storepulse_end_to_end_latency_seconds" + series + " ";
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(name)).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length()).trim()))
                .orElseThrow(() -> new AssertionError(name + "is not in /q/metrics"));
    }

    static UserFeatures features(String user, int clicks, String spend, Instant lastEvent, Instant updated) {
        return UserFeatures.newBuilder().setUserId(user).setClicks5m(clicks).setClicks1h(clicks).setAddToCarts1h(0)
                .setPurchases24h(1).setSpend24h(new BigDecimal(spend)).setAvgOrderValue24h(new BigDecimal(spend))
                .setDistinctDevices24h(1).setDistinctCountries1h(1).setLastEventTime(lastEvent).setUpdatedAt(updated)
                .build();
    }

    static void send(UserFeatures features) {
        TestKafka.send(Topics.USER_FEATURES, features.getUserId(), Codecs.FEATURES.encode(features));
    }
}
