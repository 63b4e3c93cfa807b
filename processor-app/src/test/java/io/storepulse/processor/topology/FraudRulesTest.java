package io.storepulse.processor.topology;

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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five fraud rules through the whole topology, with the contract's default thresholds: each at its threshold
 * and one step below, across window boundaries, out of order, and with the triggering event sent twice.
 */
class FraudRulesTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-11-21T12:00:00.000Z");

    private final List<Long> latencies = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> clicks;
    private TestInputTopic<String, byte[]> purchases;
    private TestOutputTopic<String, byte[]> alerts;

    @BeforeEach
    void start() {
        driver = TopologyTestSettings.driver("fraud-test", WALL_CLOCK, (topic, route) -> { },
                (alert, latency) -> latencies.add(latency));
        clicks = TopologyTestSettings.input(driver, Topics.CLICK_EVENTS);
        purchases = TopologyTestSettings.input(driver, Topics.PURCHASE_EVENTS);
        alerts = driver.createOutputTopic(Topics.FRAUD_ALERTS, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void clickRateFiresOnThe61stClickOfAMinuteOnceAndNotForADuplicate() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {                          // 60 clicks in 10:00:00-10:00:29.5: not more than 60
            ids.add("c-" + i);
            click("u-1", "c-" + i, at("10:00:00").plusMillis(500L * i), "US");
        }
        click("u-1", "c-next", at("10:01:00"), "US");           // the next minute: its own window
        assertThat(readAlerts()).isEmpty();

        click("u-1", "c-60", at("10:00:59.999"), "US");         // out of order, back in 10:00: the 61st
        click("u-1", "c-60", at("10:00:59.999"), "US");         // the same event again: a duplicate
        click("u-1", "c-61", at("10:00:59.000"), "US");         // 62nd: same window, no second alert
        ids.add("c-60");

        List<FraudAlert> fired = readAlerts();
        assertThat(fired).hasSize(1);
        FraudAlert alert = fired.get(0);
        assertThat(alert.getRule()).isEqualTo(FraudRule.CLICK_RATE);
        assertThat(alert.getUserId()).isEqualTo("u-1");
        assertThat(alert.getWindowStart()).isEqualTo(at("10:00:00"));
        assertThat(alert.getWindowEnd()).isEqualTo(at("10:01:00"));
        assertThat(alert.getEventTime()).isEqualTo(at("10:00:59.999"));
        assertThat(alert.getDetectedAt()).isEqualTo(WALL_CLOCK);
        assertThat(alert.getEventIds()).containsExactlyElementsOf(ids);
        assertThat(alert.getEvidence()).containsEntry("clicks", 61.0).containsEntry("limit", 60.0);
        // Spread 59.999 s of a 60 s window: risk 0.5 + 0.5 * (1 - 59.999 / 60) = 0.5000083, rounded to 0.5.
        assertThat(alert.getRiskScore()).isEqualTo(0.5);
        assertThat(alert.getSeverity()).isEqualTo(Severity.MEDIUM);
        // Detection latency: processed at 12:00:00.000, written (record timestamp) at 10:00:59.999.
        assertThat(latencies).containsExactly(Duration.between(at("10:00:59.999"), WALL_CLOCK).toMillis());
    }

    @Test
    void clickRateCountsTumblingMinutesNotTheLast60Seconds() {
        for (int i = 0; i < 60; i++) {                          // 60 in 10:00:30-10:00:59.5 and 60 in 10:01:00-10:01:29.5:
            click("u-2", "a-" + i, at("10:00:30").plusMillis(500L * i), "US");  // 120 within one minute, but
            click("u-2", "b-" + i, at("10:01:00").plusMillis(500L * i), "US");  // no epoch minute holds more than 60
        }
        assertThat(readAlerts()).isEmpty();
    }

    @Test
    void purchaseVelocityFiresOnTheSixthPurchaseWithinTenMinutesBothEndsIncluded() {
        for (int minute = 0; minute <= 8; minute += 2) {        // 10:00, 10:02, ..., 10:08: five purchases
            purchase("u-1", "p-" + minute, at("10:0" + minute + ":00"), "20.00", "card-1", "US");
        }
        assertThat(readAlerts()).isEmpty();
        purchase("u-1", "p-10", at("10:10:00"), "20.00", "card-1", "US");       // [10:00, 10:10] holds six
        purchase("u-1", "p-10", at("10:10:00"), "20.00", "card-1", "US");       // duplicate
        purchase("u-1", "p-11", at("10:11:00"), "20.00", "card-1", "US");       // six in [10:01, 10:11], silenced

        List<FraudAlert> fired = readAlerts();
        assertThat(fired).hasSize(1);
        FraudAlert alert = fired.get(0);
        assertThat(alert.getRule()).isEqualTo(FraudRule.PURCHASE_VELOCITY);
        assertThat(alert.getWindowStart()).isEqualTo(at("10:00:00"));
        assertThat(alert.getWindowEnd()).isEqualTo(at("10:10:00"));
        assertThat(alert.getEventIds()).containsExactly("p-0", "p-2", "p-4", "p-6", "p-8", "p-10");
        assertThat(alert.getEvidence()).containsEntry("purchases", 6.0).containsEntry("limit", 5.0);
        assertThat(alert.getRiskScore()).isEqualTo(0.5);       // the six spread over the whole 10 minutes

        // Ten minutes after that alert the rule may speak again: [10:10, 10:20] holds 10:10, 10:11 and four more.
        for (int second = 0; second < 4; second++) {
            purchase("u-1", "q-" + second, at("10:19:5" + second), "20.00", "card-1", "US");
        }
        assertThat(readAlerts()).isEmpty();                     // 10:19:53 is within 10 min of 10:10: silent
        purchase("u-1", "q-last", at("10:20:00"), "20.00", "card-1", "US");
        List<FraudAlert> again = readAlerts();
        assertThat(again).extracting(FraudAlert::getWindowEnd).containsExactly(at("10:20:00"));
        // The newest six are 10:11:00-10:20:00: 9 of the 10 minutes, risk 0.5 + 0.5 * (1 - 540/600) = 0.55.
        assertThat(again.get(0).getRiskScore()).isEqualTo(0.55);
        assertThat(again.get(0).getSeverity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void purchaseVelocityOneMillisecondPastTheSpanDoesNotFire() {
        for (int minute = 0; minute <= 8; minute += 2) {
            purchase("u-2", "p-" + minute, at("10:0" + minute + ":00"), "20.00", "card-1", "US");
        }
        purchase("u-2", "p-10", at("10:10:00.001"), "20.00", "card-1", "US");   // [10:00:00.001, 10:10:00.001]: five
        assertThat(readAlerts()).isEmpty();
    }

    @Test
    void amountSpikeComparesWithTheMeanOfAtLeastThreePreviousPurchases() {
        purchase("u-1", "s-1", at("10:00:00"), "100.00", "card-1", "US");
        purchase("u-1", "s-2", at("10:20:00"), "100.00", "card-1", "US");
        purchase("u-1", "s-3", at("10:40:00"), "100.00", "card-1", "US");
        purchase("u-1", "s-4", at("11:00:00"), "999.99", "card-1", "US");       // 10 x the mean, below 1,000
        assertThat(readAlerts()).isEmpty();
        // Mean of the four before: (300 + 999.99) / 4 = 324.9975; 5 x = 1,624.99; 1,625.00 is at least that.
        purchase("u-1", "s-5", at("11:20:00"), "1625.00", "card-1", "US");
        purchase("u-1", "s-5", at("11:20:00"), "1625.00", "card-1", "US");     // duplicate

        List<FraudAlert> fired = readAlerts();
        assertThat(fired).hasSize(1);
        FraudAlert alert = fired.get(0);
        assertThat(alert.getRule()).isEqualTo(FraudRule.AMOUNT_SPIKE);
        assertThat(alert.getWindowStart()).isEqualTo(at("11:20:00"));
        assertThat(alert.getWindowEnd()).isEqualTo(at("11:20:00"));
        assertThat(alert.getEventIds()).containsExactly("s-5");
        assertThat(alert.getEvidence()).containsEntry("amount", 1625.0).containsEntry("previous_purchases", 4.0);
        // Ratio 1,625 / 324.9975 = 5.00004: risk 0.5 + 0.3 * (0.00004 / 15), rounded 0.5.
        assertThat(alert.getRiskScore()).isEqualTo(0.5);
    }

    @Test
    void amountSpikeNeedsThreePreviousAndFiveTimesTheMeanUnlessTheAmountIsAtLeast5000() {
        purchase("u-2", "a-1", at("10:00:00"), "100.00", "card-1", "US");
        purchase("u-2", "a-2", at("10:20:00"), "100.00", "card-1", "US");
        purchase("u-2", "a-3", at("10:40:00"), "1000.00", "card-1", "US");      // only two previous
        purchase("u-3", "b-1", at("10:00:00"), "300.00", "card-1", "US");
        purchase("u-3", "b-2", at("10:20:00"), "300.00", "card-1", "US");
        purchase("u-3", "b-3", at("10:40:00"), "300.00", "card-1", "US");
        purchase("u-3", "b-4", at("11:00:00"), "1499.99", "card-1", "US");      // 5 x 300 = 1,500
        purchase("u-4", "c-1", at("10:00:00"), "4999.99", "card-1", "US");      // no history, below 5,000
        assertThat(readAlerts()).isEmpty();

        purchase("u-5", "d-1", at("11:05:00"), "5000.00", "card-1", "US");      // no history needed
        List<FraudAlert> fired = readAlerts();
        assertThat(fired).extracting(FraudAlert::getUserId).containsExactly("u-5");
        assertThat(fired.get(0).getRiskScore()).isEqualTo(0.8);
        assertThat(fired.get(0).getSeverity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void impossibleTravelCountsCountriesWithinTheHourEndingAtTheEventBothEndsIncluded() {
        click("u-1", "t-1", at("10:00:00"), "US");
        click("u-1", "t-2", at("10:30:00"), "DE");
        assertThat(readAlerts()).isEmpty();
        click("u-1", "t-3", at("11:00:00"), "FR");                              // [10:00, 11:00]: US, DE, FR
        click("u-1", "t-3", at("11:00:00"), "FR");                              // duplicate
        click("u-1", "t-4", at("11:05:00"), "JP");                              // DE, FR, JP, but silenced

        List<FraudAlert> fired = readAlerts();
        assertThat(fired).hasSize(1);
        FraudAlert alert = fired.get(0);
        assertThat(alert.getRule()).isEqualTo(FraudRule.IMPOSSIBLE_TRAVEL);
        assertThat(alert.getWindowStart()).isEqualTo(at("10:00:00"));
        assertThat(alert.getWindowEnd()).isEqualTo(at("11:00:00"));
        assertThat(alert.getEventIds()).containsExactly("t-2", "t-3", "t-1");   // by country: DE, FR, US
        assertThat(alert.getEvidence()).containsEntry("distinct_countries", 3.0)
                .containsEntry("countries", List.of("DE", "FR", "US"));
        assertThat(alert.getRiskScore()).isEqualTo(0.7);
        assertThat(alert.getSeverity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void impossibleTravelEvidenceNamesEachCountrysEarliestEventWhateverOrderTheyCameIn() {
        purchase("u-3", "c-2", at("10:30:48"), "26.00", "card-1", "CA");
        click("u-3", "c-1", at("10:29:13"), "CA");                              // earlier, processed later
        click("u-3", "c-3", at("10:31:00"), "CA");
        click("u-3", "a-1", at("10:37:46"), "AU");
        click("u-3", "u-1", at("10:39:44"), "US");                              // [09:39:44, 10:39:44]

        List<FraudAlert> fired = readAlerts();
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).getEventIds()).containsExactly("a-1", "c-1", "u-1");   // by country: AU, CA, US
    }

    @Test
    void impossibleTravelOneMillisecondPastTheHourDoesNotFireAndOutOfOrderEventsCount() {
        click("u-2", "x-1", at("10:00:00"), "US");
        click("u-2", "x-2", at("10:30:00"), "DE");
        click("u-2", "x-3", at("11:00:00.001"), "FR");                          // US is 1 ms outside
        assertThat(readAlerts()).isEmpty();

        // One partition per input here: clicks' stream time is now 11:00:00.001, so these stay within its grace.
        click("u-3", "y-1", at("11:15:00"), "DE");
        purchase("u-3", "y-2", at("11:08:00"), "10.00", "card-1", "US");        // processed after a later event
        click("u-3", "y-3", at("11:20:00"), "FR");                              // [10:20, 11:20]: DE, US, FR
        assertThat(readAlerts()).extracting(FraudAlert::getUserId, FraudAlert::getWindowEnd)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("u-3", at("11:20:00")));
    }

    @Test
    void cardTestingFiresOnFiveSmallPurchasesWithThreeCardsWithinTenMinutes() {
        purchase("u-1", "k-1", at("10:00:00"), "4.99", "card-A", "US");
        purchase("u-1", "k-2", at("10:01:00"), "1.00", "card-B", "US");
        purchase("u-1", "k-3", at("10:02:00"), "2.00", "card-C", "US");
        purchase("u-1", "k-4", at("10:03:00"), "3.00", "card-A", "US");
        assertThat(readAlerts()).isEmpty();                                     // four small
        purchase("u-1", "k-5", at("10:04:00"), "4.00", "card-A", "US");
        purchase("u-1", "k-5", at("10:04:00"), "4.00", "card-A", "US");         // duplicate
        purchase("u-1", "k-6", at("10:05:00"), "4.00", "card-D", "US");         // silenced (a sixth purchase: velocity)

        List<FraudAlert> fired = readAlerts().stream().filter(a -> a.getRule() == FraudRule.CARD_TESTING).toList();
        assertThat(fired).hasSize(1);
        FraudAlert alert = fired.get(0);
        assertThat(alert.getRule()).isEqualTo(FraudRule.CARD_TESTING);
        assertThat(alert.getWindowStart()).isEqualTo(at("09:54:00"));
        assertThat(alert.getWindowEnd()).isEqualTo(at("10:04:00"));
        assertThat(alert.getEventIds()).containsExactly("k-1", "k-2", "k-3", "k-4", "k-5");
        assertThat(alert.getEvidence()).containsEntry("small_purchases", 5.0).containsEntry("distinct_cards", 3.0);
        assertThat(alert.getRiskScore()).isEqualTo(0.8);
        assertThat(alert.getSeverity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void cardTestingNeedsThreeCardsAndAmountsUnderFive() {
        for (int i = 0; i < 5; i++) {
            purchase("u-2", "m-" + i, at("10:0" + i + ":00"), "1.00", i % 2 == 0 ? "card-A" : "card-B", "US");
        }
        purchase("u-3", "n-0", at("10:00:00"), "5.00", "card-A", "US");          // not under 5.00
        for (int i = 1; i < 5; i++) {
            purchase("u-3", "n-" + i, at("10:0" + i + ":00"), "1.00", "card-" + (char) ('A' + i % 3), "US");
        }
        assertThat(readAlerts()).isEmpty();
    }

    @Test
    void alertIdsAreTheSameWhenTheSameInputIsProcessedAgain() {
        purchase("u-9", "z-1", at("10:00:00"), "6000.00", "card-1", "US");
        String first = readAlerts().get(0).getAlertId();
        driver.close();
        start();
        purchase("u-9", "z-1", at("10:00:00"), "6000.00", "card-1", "US");
        assertThat(readAlerts()).extracting(FraudAlert::getAlertId).containsExactly(first);
    }

    private List<FraudAlert> readAlerts() {
        return alerts.readValuesToList().stream().map(Codecs.FRAUD_ALERT::decode).toList();
    }

    private void click(String user, String id, Instant time, String country) {
        clicks.pipeInput(user, Codecs.CLICK.encode(ClickEvent.newBuilder().setEventId(id).setUserId(user)
                .setSessionId("s-1").setEventType(ClickEventType.PAGE_VIEW).setPageUrl("/").setDeviceType(DeviceType.DESKTOP)
                .setIpAddress("203.0.113.7").setCountry(country).setEventTime(time).build()), time);
    }

    private void purchase(String user, String id, Instant time, String amount, String card, String country) {
        BigDecimal price = new BigDecimal(amount);
        purchases.pipeInput(user, Codecs.PURCHASE.encode(PurchaseEvent.newBuilder().setEventId(id).setUserId(user)
                .setSessionId("s-1").setOrderId("o-" + id).setItems(List.of(new PurchaseItem("p-1", 1, price)))
                .setAmount(price).setCurrency("USD").setPaymentMethod(PaymentMethod.CREDIT_CARD).setCardFingerprint(card)
                .setIpAddress("203.0.113.7").setCountry(country).setDeviceType(DeviceType.MOBILE).setEventTime(time)
                .build()), time);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-21T" + time + (time.length() == 8 ? ".000Z" : "Z"));
    }
}
