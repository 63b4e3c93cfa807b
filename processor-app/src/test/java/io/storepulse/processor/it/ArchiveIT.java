package io.storepulse.processor.it;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.FraudRule;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.avro.Severity;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.testing.StorePulseTestResource;
import io.storepulse.testing.TestKafka;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The archiver against the real broker and the real S3 server (s3proxy), read back with DuckDB over the objects
 * downloaded with the S3 client: keys, counts, sums, DLQ'd records left out, an S3 outage survived.
 */
@QuarkusTest
@TestProfile(ArchiveTestProfile.class)
@WithTestResource(value = StorePulseTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FreeHttpPort.class, scope = TestResourceScope.GLOBAL)
class ArchiveIT {

    private static final String BUCKET = "storepulse-archive";

    @Inject
    S3Client s3;

    @TempDir
    Path dir;

    @Test
    void validRecordsAndAlertsLandUnderTheirHoursOnceAndDlqdOnesDoNot() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant lastHour = now.minus(1, ChronoUnit.HOURS);
        List<BigDecimal> amounts = List.of(new BigDecimal("19.99"), new BigDecimal("0.01"), new BigDecimal("1234.50"));
        for (int i = 0; i < amounts.size(); i++) {
            send(Topics.PURCHASE_EVENTS, purchase(run + "-p" + i, now, amounts.get(i)));
        }
        send(Topics.PURCHASE_EVENTS, purchase(run + "-p0", now, amounts.get(0)));          // resent duplicate: a row of its own
        send(Topics.PURCHASE_EVENTS, purchase(run + "-late", lastHour, new BigDecimal("5.00"))); // late: its own hour
        send(Topics.PURCHASE_EVENTS, purchase(run + "-future", now.plus(1, ChronoUnit.HOURS), BigDecimal.ONE)); // DLQ
        TestKafka.send(Topics.PURCHASE_EVENTS, "u", ("not avro " + run).getBytes(StandardCharsets.UTF_8));      // DLQ
        for (int i = 0; i < 5; i++) {
            TestKafka.send(Topics.CLICK_EVENTS, "u-" + run, Codecs.CLICK.encode(click(run + "-c" + i, now)));
        }
        TestKafka.send(Topics.FRAUD_ALERTS, "u-" + run, Codecs.FRAUD_ALERT.encode(alert(run + "-a", now)));

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            download();
            assertThat(count("purchase-events", "event_id LIKE '" + run + "-%'")).isEqualTo(5);
            assertThat(count("click-events", "event_id LIKE '" + run + "-%'")).isEqualTo(5);
            assertThat(count("fraud-alerts", "alert_id = '" + run + "-a'")).isEqualTo(1);
        });

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            String purchases = "read_parquet('" + dir + "/purchase-events/*/*/*.parquet', hive_partitioning = true)";
            assertThat(query(duck, "SELECT sum(amount)::VARCHAR FROM " + purchases + " WHERE event_id LIKE '" + run
                    + "-%'")).isEqualTo("1279.49"); // 19.99 + 0.01 + 1234.50 + 19.99 (the duplicate) + 5.00
            assertThat(query(duck, "SELECT count(DISTINCT event_id)::VARCHAR FROM " + purchases
                    + " WHERE event_id LIKE '" + run + "-%'")).isEqualTo("4");
            assertThat(query(duck, "SELECT count(*)::VARCHAR FROM " + purchases + " WHERE event_id = '" + run
                    + "-future'")).isEqualTo("0");
            assertThat(query(duck, "SELECT dt || ' ' || lpad(hour::VARCHAR, 2, '0') FROM " + purchases
                    + " WHERE event_id = '" + run + "-late'"))
                    .isEqualTo(lastHour.toString().substring(0, 10) + " " + lastHour.toString().substring(11, 13));
            for (String topic : List.of("purchase-events", "click-events", "fraud-alerts")) {
                String all = "read_parquet('" + dir + "/" + topic + "/*/*/*.parquet')";
                assertThat(query(duck, "SELECT (count(*) = count(DISTINCT (kafka_partition, kafka_offset)))::VARCHAR FROM "
                        + all)).as(topic + ": each (partition, offset) in one row").isEqualTo("true");
            }
        }
        assertThat(ScrapedMetrics.value("storepulse_archive_records_skipped_total{reason=\"undecodable\",topic=\"purchase-events\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(ScrapedMetrics.value("storepulse_archive_records_skipped_total{reason=\"invalid\",topic=\"purchase-events\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(ScrapedMetrics.value("storepulse_archive_objects_written_total{topic=\"purchase-events\"}")).isGreaterThan(0);
        assertThat(ScrapedMetrics.value("storepulse_archive_rows_written_total{topic=\"purchase-events\"}")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void anS3OutageLosesAndDoublesNothingAndTheLagRisesAndFalls() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        await().atMost(Duration.ofMinutes(1)).until(() -> ScrapedMetrics.value("storepulse_archive_oldest_unarchived_age_seconds") < 5);
        StorePulseTestResource.stopS3();
        int sent = 0;
        double highestLag = 0;
        boolean saidBehind = false;
        try {
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < until) {
                for (int i = 0; i < 20; i++) {
                    TestKafka.send(Topics.CLICK_EVENTS, "u-" + run + "-" + i, Codecs.CLICK.encode(
                            click(run + "-" + sent++, Instant.now().truncatedTo(ChronoUnit.MILLIS))));
                }
                highestLag = Math.max(highestLag, ScrapedMetrics.value("storepulse_archive_lag_records{topic=\"click-events\"}"));
                saidBehind |= given().get("/q/health/ready").then().extract().jsonPath()
                        .getBoolean("checks.find { it.name == 'archive' }.data.behind");
                Thread.sleep(1_000);
            }
        } finally {
            StorePulseTestResource.resumeS3();
        }
        assertThat(highestLag).as("records waiting in Kafka while S3 is down").isGreaterThanOrEqualTo(20);
        assertThat(saidBehind).as("readiness said the archive is behind").isTrue();
        assertThat(ScrapedMetrics.value("storepulse_archive_upload_failures_total{topic=\"click-events\"}")).isGreaterThan(0);

        int expected = sent;
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            download();
            assertThat(count("click-events", "event_id LIKE '" + run + "-%'")).isEqualTo(expected);
        });
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(ScrapedMetrics.value("storepulse_archive_lag_records{topic=\"click-events\"}")).isZero());
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(query(duck, "SELECT count(DISTINCT event_id)::VARCHAR FROM read_parquet('" + dir
                    + "/click-events/*/*/*.parquet') WHERE event_id LIKE '" + run + "-%'"))
                    .isEqualTo(Integer.toString(expected));
        }
    }

    /**
     * Every archive object of the bucket into {@link #dir}, under its key, skipping those already there. The local
     * store lists a PUT's temporary file while it writes it; that name does not end in .parquet, and is gone by the
     * time it is asked for.
     */
    private void download() throws Exception {
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents()) {
            Path file = dir.resolve(object.key());
            if (object.key().endsWith(".parquet") && !Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.write(file, s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(object.key())).asByteArray());
            }
        }
    }

    private long count(String topic, String where) throws SQLException {
        if (!Files.isDirectory(dir.resolve(topic))) {
            return 0;
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            return Long.parseLong(query(duck, "SELECT count(*)::VARCHAR FROM read_parquet('" + dir + "/" + topic
                    + "/*/*/*.parquet') WHERE " + where));
        }
    }

    private static String query(Connection duck, String sql) throws SQLException {
        try (Statement statement = duck.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    private static void send(String topic, PurchaseEvent purchase) {
        TestKafka.send(topic, purchase.getUserId(), Codecs.PURCHASE.encode(purchase));
    }

    private static PurchaseEvent purchase(String id, Instant time, BigDecimal amount) {
        return PurchaseEvent.newBuilder().setEventId(id).setUserId("u-" + id).setSessionId("s-" + id).setOrderId("o-" + id)
                .setItems(List.of(PurchaseItem.newBuilder().setProductId("p-1").setQuantity(1).setUnitPrice(amount).build()))
                .setAmount(amount).setCurrency("EUR").setPaymentMethod(PaymentMethod.DEBIT_CARD).setCardFingerprint(null)
                .setIpAddress("198.51.100.4").setCountry("FR").setDeviceType(DeviceType.TABLET).setEventTime(time).build();
    }

    private static ClickEvent click(String id, Instant time) {
        return ClickEvent.newBuilder().setEventId(id).setUserId("u-" + id).setSessionId("s-" + id)
                .setEventType(ClickEventType.PAGE_VIEW).setPageUrl("/").setDeviceType(DeviceType.DESKTOP)
                .setIpAddress("198.51.100.4").setCountry("FR").setEventTime(time).setProperties(Map.of()).build();
    }

    private static FraudAlert alert(String id, Instant time) {
        return FraudAlert.newBuilder().setAlertId(id).setRule(FraudRule.CLICK_RATE).setUserId("u-" + id)
                .setRiskScore(0.5).setSeverity(Severity.MEDIUM).setWindowStart(time.minusSeconds(60)).setWindowEnd(time)
                .setEventTime(time).setDetectedAt(time).setEvidence(Map.of("clicks", 120.0))
                .setEventIds(new ArrayList<>(List.of("e-1"))).build();
    }
}
