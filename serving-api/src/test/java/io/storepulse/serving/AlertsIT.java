package io.storepulse.serving;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.avro.Severity;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Fraud alerts over REST and SSE from the real fraud-alerts topic: list, live stream, resume, filter, heartbeat. */
@QuarkusTest
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
class AlertsIT {


    @TestHTTPResource("/v1/fraud/alerts/stream")
    URL stream;

    /** One SSE event as received: its id, name and data, or a comment. */
    record Received(String id, String event, String data, String comment) {
    }

    @Test
    void aReconnectingClientGetsExactlyTheAlertsItMissed() throws Exception {
        String user = "u-" + UUID.randomUUID();
        awaitReady();
        List<String> ids = new ArrayList<>();
        try (SseClient first = SseClient.open(stream, null, null)) {
            for (int i = 1; i <= 3; i++) {
                send(alert(user, "a-" + i, Severity.MEDIUM));
            }
            List<Received> got = first.alertsOf(user, 3);
            assertThat(got).extracting(r -> alertIdOf(r.data())).containsExactly("a-1", "a-2", "a-3");
            assertThat(got).allSatisfy(r -> assertThat(r.event()).isEqualTo("fraud-alert"));
            got.forEach(r -> ids.add(r.id()));
        }
        for (int i = 4; i <= 6; i++) {                        // while no client is connected
            send(alert(user, "a-" + i, Severity.MEDIUM));
        }
        try (SseClient resumed = SseClient.open(stream, ids.get(1), null)) {   // as if it had seen a-1 and a-2 only
            send(alert(user, "a-7", Severity.MEDIUM));
            assertThat(resumed.alertsOf(user, 5)).extracting(r -> alertIdOf(r.data()))
                    .containsExactly("a-3", "a-4", "a-5", "a-6", "a-7");
            // Same user, same partition: a repeat of a-3..a-7 would come before this marker, nothing else may.
            send(alert(user, "a-8", Severity.MEDIUM));
            assertThat(resumed.alertsOf(user, 1)).as("nothing twice").extracting(r -> alertIdOf(r.data()))
                    .containsExactly("a-8");
        }
    }

    @Test
    void theStreamFiltersBySeverityAndSendsHeartbeats() throws Exception {
        String user = "u-" + UUID.randomUUID();
        awaitReady();
        try (SseClient high = SseClient.open(stream, null, "HIGH")) {
            send(alert(user, "low", Severity.LOW));
            send(alert(user, "high", Severity.HIGH));
            assertThat(high.alertsOf(user, 1)).extracting(r -> alertIdOf(r.data())).containsExactly("high");
            assertThat(high.comments(Duration.ofSeconds(3))).contains("heartbeat");
        }
    }

    @Test
    void theListIsNewestFirstAndBadParametersAre400() {
        String user = "u-" + UUID.randomUUID();
        awaitReady();
        send(alert(user, "l-1", Severity.LOW));
        send(alert(user, "l-2", Severity.HIGH));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/fraud/alerts?limit=2").then().statusCode(200)
                .body("[0].alert_id", equalTo("l-2"))
                .body("[0].user_id", equalTo(user))
                .body("[0].rule", equalTo("CARD_TESTING"))
                .body("[0].evidence.small_purchases", equalTo(5.0f))
                .body("[1].alert_id", equalTo("l-1")));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/fraud/alerts?limit=0").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.startsWith("limit: "));
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/fraud/alerts?since=today").then().statusCode(400);
        given().header("Authorization", ServingKeys.mainBearer()).get("/v1/fraud/alerts/stream?min_severity=SEVERE").then().statusCode(400);
        given().header("Authorization", ServingKeys.mainBearer()).header("Last-Event-ID", "nonsense").get("/v1/fraud/alerts/stream")
                .then().statusCode(400).body("error", org.hamcrest.Matchers.startsWith("Last-Event-ID: "));
        given().get("/v1/fraud/alerts").then().statusCode(401);
    }

    @Test
    void theListIsByDetectedAtAcrossPartitionsNotByTheOrderRead() {
        awaitReady();
        String run = UUID.randomUUID().toString();
        String first = "u-a-" + run;
        String other = "u-b-" + run;
        while (TestKafka.partitionOf(Topics.FRAUD_ALERTS, other) == TestKafka.partitionOf(Topics.FRAUD_ALERTS, first)) {
            other = "u-b-" + UUID.randomUUID();
        }
        // Written out of detected_at order on two partitions: a-late is read before a-middle (same partition),
        // b-early perhaps before both. An hour back, so that other tests' alerts stay the newest.
        Instant t = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        send(alert(first, "a-late-" + run, Severity.LOW, t.plusSeconds(3)));
        send(alert(other, "b-early-" + run, Severity.LOW, t.plusSeconds(1)));
        send(alert(first, "a-middle-" + run, Severity.LOW, t.plusSeconds(2)));
        send(alert(other, "b-tie-" + run, Severity.LOW, t.plusSeconds(2)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().header("Authorization", ServingKeys.mainBearer())
                .queryParam("since", t.toString()).queryParam("limit", 1000).get("/v1/fraud/alerts").then()
                .statusCode(200).extract().jsonPath().getList("alert_id", String.class))
                .filteredOn(id -> id.endsWith(run))
                .as("newest detected_at first; the same detected_at, the greater alert id first")
                .containsExactly("a-late-" + run, "b-tie-" + run, "a-middle-" + run, "b-early-" + run));
    }

    private static void awaitReady() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().header("Authorization", ServingKeys.mainBearer())
                .get("/v1/fraud/alerts?limit=1").then().statusCode(200));
    }

    static String alertIdOf(String json) {
        return json.replaceAll(".*\"alert_id\":\"([^\"]+)\".*", "$1");
    }

    static FraudAlert alert(String user, String id, Severity severity) {
        return alert(user, id, severity, Instant.now());
    }

    private static FraudAlert alert(String user, String id, Severity severity, Instant detected) {
        return FraudAlert.newBuilder().setAlertId(id).setRule(FraudRule.CARD_TESTING).setUserId(user).setRiskScore(0.9)
                .setSeverity(severity).setWindowStart(detected.minusSeconds(600)).setWindowEnd(detected)
                .setEventTime(detected).setDetectedAt(detected).setEvidence(Map.of("small_purchases", 5.0))
                .setEventIds(List.of("e-1")).build();
    }

    static void send(FraudAlert alert) {
        TestKafka.send(Topics.FRAUD_ALERTS, alert.getUserId(), Codecs.FRAUD_ALERT.encode(alert));
    }

    /** A minimal SSE client over the JDK's HttpClient, reading events on its own thread. */
    static final class SseClient implements AutoCloseable {

        private final BlockingQueue<Received> received = new ArrayBlockingQueue<>(10_000);
        private final Stream<String> lines;

        private SseClient(Stream<String> lines) {
            this.lines = lines;
            Thread reader = new Thread(this::read, "sse-test-client");
            reader.setDaemon(true);
            reader.start();
        }

        static SseClient open(URL url, String lastEventId, String minSeverity) throws Exception {
            URI uri = URI.create(url + (minSeverity == null ? "" : "?min_severity=" + minSeverity));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", ServingKeys.mainBearer())
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            return new SseClient(response.body());
        }

        List<Received> alertsOf(String user, int count) throws InterruptedException {
            List<Received> got = alertsOf(user, count, Duration.ofSeconds(30));
            assertThat(got).as("alerts of " + user + " within 30 s").hasSize(count);
            return got;
        }

        List<Received> alertsOf(String user, int count, Duration within) throws InterruptedException {
            List<Received> got = new ArrayList<>();
            long deadline = System.nanoTime() + within.toNanos();
            while (got.size() < count && System.nanoTime() < deadline) {
                Received next = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next != null && next.data() != null && next.data().contains("\"" + user + "\"")) {
                    got.add(next);
                }
            }
            return got;
        }

        List<String> comments(Duration within) throws InterruptedException {
            List<String> comments = new ArrayList<>();
            long deadline = System.nanoTime() + within.toNanos();
            while (comments.isEmpty() && System.nanoTime() < deadline) {
                Received next = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next != null && next.comment() != null) {
                    comments.add(next.comment());
                }
            }
            return comments;
        }

        private void read() {
            String id = null;
            String event = null;
            String data = null;
            try {
                Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (line.startsWith(":")) {
                        received.offer(new Received(null, null, null, line.substring(1).trim()));
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:")) {
                        data = line.substring(5).trim();
                    } else if (line.isEmpty() && data != null) {
                        received.offer(new Received(id, event, data, null));
                        id = null;
                        event = null;
                        data = null;
                    }
                }
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        }

        @Override
        public void close() {
            lines.close();
        }
    }
}
