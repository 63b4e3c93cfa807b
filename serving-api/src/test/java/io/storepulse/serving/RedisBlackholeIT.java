package io.storepulse.serving;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.storepulse.stack.BlackholeProxy;
import io.storepulse.stack.FreePorts;
import io.storepulse.testing.StorePulseTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.storepulse.serving.FeaturesIT.features;
import static io.storepulse.serving.FeaturesIT.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * serving-api reaches Redis through a proxy that black-holes the link for 30 s: connections stay open and no byte
 * moves, as in a network partition (a stopped Redis, which refuses at once, is {@code FeaturesIT}'s case). The
 * features endpoint answers {@code 503} quickly the whole time, never a number and never {@code 404}; afterwards
 * it recovers by itself, and every update written to user-features meanwhile is served.
 */
@QuarkusTest
@TestProfile(RedisBlackholeIT.ThroughProxy.class)
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class RedisBlackholeIT {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
    private static final Duration PARTITION = Duration.ofSeconds(30);
    private static final BlackholeProxy PROXY = new BlackholeProxy(FreePorts.next(), RedisBlackholeIT::redis);

    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + PROXY.port());
        }
    }

    @AfterAll
    static void closeProxy() {
        PROXY.close();
    }

    @Test
    void aBlackholedRedisIs503QuicklyThroughoutThenEveryUpdateIsServedWithoutARestart() {
        String user = "u-" + UUID.randomUUID();
        send(features(user, 1, "1.00", T, T));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/users/{id}/features", user).then().statusCode(200).body("clicks_5m", equalTo(1)));

        Map<Integer, Integer> statuses = new TreeMap<>();
        PROXY.blackhole();
        long end = System.nanoTime() + PARTITION.toNanos();
        try {
            int sent = 1;
            while (System.nanoTime() < end) {
                long started = System.nanoTime();
                Response answer = given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/{id}/features", user);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                statuses.merge(answer.statusCode(), 1, Integer::sum);
                assertThat(answer.statusCode()).as("answer %s while Redis is unreachable", answer.asString())
                        .isEqualTo(503);
                assertThat(answer.header("Retry-After")).isNotNull();
                assertThat(took).as("a request while Redis is unreachable").isLessThan(Duration.ofSeconds(1));
                if (sent < 20) {
                    sent++;
                    send(features(user, sent, sent + ".00", T.plusSeconds(sent), T.plusSeconds(sent)));
                }
                sleep(Duration.ofMillis(250));
            }
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            PROXY.restore();
        }
        long restored = System.nanoTime();
        System.out.println("features answers during the 30 s black hole: " + statuses);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().header("Authorization", ServingKeys.mainBearer()).get("/v1/users/{id}/features", user).then().statusCode(200)
                        .body("clicks_5m", equalTo(20))
                        .body("last_event_time", equalTo("2026-11-21T10:00:20.000Z")));
        System.out.printf("every update served %.1f s after the link came back%n",
                (System.nanoTime() - restored) / 1e9);
    }

    private static InetSocketAddress redis() {
        URI url = URI.create(StorePulseTestResource.redisUrl());
        return new InetSocketAddress(url.getHost(), url.getPort());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
