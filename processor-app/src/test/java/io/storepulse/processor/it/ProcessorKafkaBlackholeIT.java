package io.storepulse.processor.it;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.storepulse.avro.ClickEventType;
import io.storepulse.testing.KafkaThroughProxy;
import io.storepulse.testing.StorePulseTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static io.storepulse.processor.it.InputRecords.item;
import static io.storepulse.processor.it.InputRecords.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The processor reaches the broker through a proxy that black-holes every connection for 30 s, longer than its
 * transactions' timeout (10 s), while records keep arriving on the broker. The processor is not restarted: afterwards
 * it processes everything, and its session and revenue answers count every event exactly once. During the black hole
 * its state answers from what it had (or {@code 503} while it rebalances), never more than was written.
 */
@QuarkusTest
@TestProfile(KafkaThroughProxy.class)
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreeHttpPort.class, scope = TestResourceScope.GLOBAL)
class ProcessorKafkaBlackholeIT {

    private static final Duration PARTITION = Duration.ofSeconds(30);
    private static final int EVENTS = 20;

    @RegisterExtension
    static final InputRecords inputs = new InputRecords();

    @Test
    void aBlackholedBrokerIsSurvivedWithoutARestartAndEveryEventCountsOnce() throws InterruptedException {
        assumeTrue(StorePulseTestResource.hasKafkaProxy(), "the proxy in front of Kafka exists on the plain local stack only");
        String user = unique("u");
        String product = unique("p");
        Instant t = Instant.now().minus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 1; i <= EVENTS / 2; i++) {
            inputs.click(user, "e-" + i + user, ClickEventType.PAGE_VIEW, t.plusSeconds(i));
        }
        inputs.flush();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sessionEvents(user)).isEqualTo(EVENTS / 2));

        TreeSet<Integer> seen = new TreeSet<>();
        StorePulseTestResource.kafkaProxy().blackhole();
        try {
            // The rest arrive while the processor cannot reach the broker; the tests' producer can.
            for (int i = EVENTS / 2 + 1; i < EVENTS; i++) {
                inputs.click(user, "e-" + i + user, ClickEventType.PAGE_VIEW, t.plusSeconds(i));
            }
            inputs.purchase(user, "e-" + EVENTS + user, List.of(item(product, 3, "2.50")), t.plusSeconds(EVENTS));
            inputs.flush();
            long end = System.nanoTime() + PARTITION.toNanos();
            while (System.nanoTime() < end) {
                Response answer = sessions(user);
                assertThat(answer.statusCode()).as("a query during the black hole: %s", answer.asString()).isIn(200, 503);
                if (answer.statusCode() == 200) {
                    seen.add(events(answer, user));
                }
                Thread.sleep(1_000);
            }
        } finally {
            StorePulseTestResource.kafkaProxy().restore();
        }
        assertThat(seen).as("session events answered during the black hole").allMatch(n -> n >= EVENTS / 2 && n <= EVENTS);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(sessionEvents(user)).isEqualTo(EVENTS));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/internal/v1/products/{id}/revenue", product)
                .then().statusCode(200).body("$", hasSize(1)).body("[0].units", equalTo(3)).body("[0].orders", equalTo(1)));
        // Still once each a while later: no transaction replayed on top of what was committed.
        Thread.sleep(5_000);
        assertThat(sessionEvents(user)).isEqualTo(EVENTS);
        given().get("/internal/v1/products/{id}/revenue", product).then().body("[0].units", equalTo(3));
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** The events of the user's one session, or 0 while it has none. */
    private static int sessionEvents(String user) {
        Response answer = sessions(user);
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        return events(answer, user);
    }

    private static Response sessions(String user) {
        return given().redirects().follow(true).get("/internal/v1/users/{id}/sessions", user);
    }

    private static int events(Response answer, String user) {
        List<Integer> events = answer.jsonPath().getList("events", Integer.class);
        assertThat(events).as("sessions of %s", user).hasSizeLessThanOrEqualTo(1);
        return events.isEmpty() ? 0 : events.get(0);
    }
}
