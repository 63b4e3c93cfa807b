package io.storepulse.processor.topology;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The processor's Prometheus numbers after a hand-made day of one user, every expected value worked out here. */
class ProcessorMetricsTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-11-21T12:00:00.000Z");

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> clicks;
    private TestInputTopic<String, byte[]> purchases;

    @BeforeEach
    void start() {
        ProcessorMetrics metrics = new ProcessorMetrics(registry, WALL_CLOCK::toEpochMilli);
        driver = TopologyTestSettings.driver("metrics-test", WALL_CLOCK, metrics, metrics);
        clicks = TopologyTestSettings.input(driver, Topics.CLICK_EVENTS);
        purchases = TopologyTestSettings.input(driver, Topics.PURCHASE_EVENTS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void routesFreshnessRevenueSessionsAndAlertsAreCountedOnce() {
        assertThat(gauge(Topics.CLICK_EVENTS)).isNaN();             // nothing accepted yet
        // Every rule and severity is there before the first alert, at 0: 5 rules times 3 severities.
        assertThat(registry.find("storepulse.fraud.alerts").counters()).hasSize(15)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
        // And every route: valid, dlq and late of the three inputs, duplicate of clicks and purchases.
        assertThat(registry.find("storepulse.processor.records").counters()).hasSize(11)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
        assertThat(count("storepulse.processor.records", "topic", Topics.PURCHASE_EVENTS, "route", "late")).isZero();

        click("e-1", "09:00:00");                                  // session A: a click only
        purchase("e-2", "20.00", "09:50:00");                       // 50 min later: session B
        purchase("e-2", "20.00", "09:50:00");                       // duplicate: no revenue, no purchase
        // Clicks at 10:40, purchases at 09:50: horizon 09:40 (minus 10 min grace) is past A's end plus the
        // 30 min gap (09:30), so A is final and not converted. B (09:50 + 30 min = 10:20) still open.
        click("e-3", "10:40:00");
        // Purchases at 10:41: horizon min(10:40, 10:41) - 10 min = 10:30, past 10:20: B is final, converted.
        purchase("e-4", "5.25", "10:41:00");
        // Any purchase of at least 5,000 is an AMOUNT_SPIKE; written 100 ms before the wall clock.
        purchases.pipeInput("u-1", purchaseBytes("e-5", "5000.00", at("10:42:00")),
                WALL_CLOCK.minusMillis(100));

        assertThat(count("storepulse.processor.records", "topic", Topics.CLICK_EVENTS, "route", "valid")).isEqualTo(2);
        assertThat(count("storepulse.processor.records", "topic", Topics.PURCHASE_EVENTS, "route", "valid")).isEqualTo(4);
        assertThat(count("storepulse.processor.records", "topic", Topics.PURCHASE_EVENTS, "route", "duplicate"))
                .isEqualTo(1);
        assertThat(registry.get("storepulse.purchases").counter().count()).isEqualTo(3);
        assertThat(registry.get("storepulse.revenue").counter().count()).isCloseTo(5025.25, within(1e-9));
        assertThat(count("storepulse.sessions", "converted", "false")).isEqualTo(1);
        assertThat(count("storepulse.sessions", "converted", "true")).isEqualTo(1);
        // Wall clock 12:00 minus the newest accepted event time of each topic.
        assertThat(gauge(Topics.CLICK_EVENTS)).isEqualTo(80 * 60.0);
        assertThat(gauge(Topics.PURCHASE_EVENTS)).isEqualTo(78 * 60.0);
        assertThat(gauge(Topics.INVENTORY_EVENTS)).isNaN();
        // At least 5,000 scores 0.8 or more: HIGH. No other rule and severity moved.
        assertThat(count("storepulse.fraud.alerts", "rule", "AMOUNT_SPIKE", "severity", "HIGH")).isEqualTo(1);
        assertThat(registry.find("storepulse.fraud.alerts").counters())
                .extracting(counter -> counter.count()).containsOnly(0.0, 1.0)
                .filteredOn(n -> n == 1.0).hasSize(1);
        Timer latency = registry.get("storepulse.fraud.detection.latency").timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(100.0);
    }

    @Test
    void anAlertIsLoggedWithItsAlertIdAndTheTriggeringEventIdInTheLogContext() {
        List<String> contexts = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                contexts.add(MDC.get("alert_id") + " " + MDC.get("event_id") + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(UserActivityProcessor.class.getName());
        logger.addHandler(capture);
        try {
            purchase("e-9", "6000.00", "10:00:00");                     // any purchase of at least 5,000
        } finally {
            logger.removeHandler(capture);
        }
        String alertId = Codecs.FRAUD_ALERT.decode(driver.createOutputTopic(Topics.FRAUD_ALERTS,
                new StringDeserializer(), new ByteArrayDeserializer()).readValue()).getAlertId();
        assertThat(contexts).singleElement().asString().startsWith(alertId + " e-9 ");
        assertThat(MDC.get("alert_id")).isNull();                        // nothing left behind on the thread
    }

    @Test
    void aLateEventIsLoggedAtDebugWithItsEventIdInTheLogContext() {
        List<String> contexts = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                contexts.add(MDC.get("event_id") + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(InputGate.class.getName());
        Level level = logger.getLevel();
        logger.setLevel(Level.FINE);
        logger.addHandler(capture);
        try {
            click("e-new", "10:30:00");
            click("e-old", "10:00:00");                          // 30 min behind the partition: beyond the grace
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
        assertThat(contexts).singleElement().asString().startsWith("e-old click-events-0@1 late: ");
        assertThat(MDC.get("event_id")).isNull();
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private double gauge(String topic) {
        return registry.get("storepulse.pipeline.freshness").tag("topic", topic).gauge().value();
    }

    private void click(String id, String time) {
        clicks.pipeInput("u-1", Codecs.CLICK.encode(ClickEvent.newBuilder().setEventId(id).setUserId("u-1")
                .setSessionId("s-1").setEventType(ClickEventType.PAGE_VIEW).setPageUrl("/")
                .setDeviceType(DeviceType.DESKTOP).setIpAddress("203.0.113.7").setCountry("US")
                .setEventTime(at(time)).build()), at(time));
    }

    private void purchase(String id, String amount, String time) {
        purchases.pipeInput("u-1", purchaseBytes(id, amount, at(time)), at(time));
    }

    private static byte[] purchaseBytes(String id, String amount, Instant time) {
        return Codecs.PURCHASE.encode(PurchaseEvent.newBuilder().setEventId(id).setUserId("u-1").setSessionId("s-1")
                .setOrderId("o-" + id).setItems(List.of(new PurchaseItem("p-1", 1, new BigDecimal(amount))))
                .setAmount(new BigDecimal(amount)).setCurrency("USD").setPaymentMethod(PaymentMethod.CREDIT_CARD)
                .setIpAddress("203.0.113.7").setCountry("US").setDeviceType(DeviceType.MOBILE).setEventTime(time)
                .build());
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-21T" + time + "Z");
    }
}
