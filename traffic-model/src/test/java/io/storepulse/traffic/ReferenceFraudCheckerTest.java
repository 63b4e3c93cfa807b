package io.storepulse.traffic;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.traffic.ReferenceFraudChecker.Rule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference checker is itself checked on hand-made streams at each rule's boundary. */
class ReferenceFraudCheckerTest {

    private static final long MINUTE_START = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private final ReferenceFraudChecker checker = new ReferenceFraudChecker();
    private int ids;

    @Test
    void clickRateNeedsMoreThanSixtyClicksInOneAlignedMinute() {
        clicks("u-60", 60, MINUTE_START, "US");
        clicks("u-61", 61, MINUTE_START, "US");
        clicks("u-split", 40, MINUTE_START + 30_000, "US");
        clicks("u-split", 40, MINUTE_START + MINUTE, "US");

        assertThat(checker.rulesTrippedBy("u-60")).isEmpty();
        assertThat(checker.rulesTrippedBy("u-61")).containsExactly(Rule.CLICK_RATE);
        assertThat(checker.rulesTrippedBy("u-split")).isEmpty();
    }

    @Test
    void purchaseVelocityCountsPurchasesExactlyTenMinutesApart() {
        for (int i = 0; i < 6; i++) {
            purchase("u-fast", MINUTE_START + i * 2 * MINUTE, "20.00", "f-1", "US", Origin.NORMAL);
            purchase("u-slow", MINUTE_START + i * 2 * MINUTE + (i == 5 ? 1 : 0), "20.00", "f-2", "US", Origin.NORMAL);
        }

        assertThat(checker.rulesTrippedBy("u-fast")).containsExactly(Rule.PURCHASE_VELOCITY);
        assertThat(checker.rulesTrippedBy("u-slow")).isEmpty();
    }

    @Test
    void amountSpikeNeedsThreeEarlierPurchasesAndFiveTimesTheirMean() {
        spree("u-at-five-times", "300.00", "300.00", "300.00", "1500.00");
        spree("u-below-five-times", "300.00", "300.00", "300.00", "1499.99");
        spree("u-below-thousand", "100.00", "100.00", "100.00", "999.99");
        spree("u-two-earlier", "100.00", "100.00", "4999.99");
        spree("u-huge", "5000.00");

        assertThat(checker.rulesTrippedBy("u-at-five-times")).containsExactly(Rule.AMOUNT_SPIKE);
        assertThat(checker.rulesTrippedBy("u-below-five-times")).isEmpty();
        assertThat(checker.rulesTrippedBy("u-below-thousand")).isEmpty();
        assertThat(checker.rulesTrippedBy("u-two-earlier")).isEmpty();
        assertThat(checker.rulesTrippedBy("u-huge")).containsExactly(Rule.AMOUNT_SPIKE);
    }

    @Test
    void impossibleTravelNeedsThreeCountriesWithinAnHour() {
        clicks("u-travel", 1, MINUTE_START, "US");
        clicks("u-travel", 1, MINUTE_START + 20 * MINUTE, "DE");
        purchase("u-travel", MINUTE_START + 60 * MINUTE, "20.00", "f-1", "FR", Origin.NORMAL);
        clicks("u-slow-travel", 1, MINUTE_START, "US");
        clicks("u-slow-travel", 1, MINUTE_START + 20 * MINUTE, "DE");
        clicks("u-slow-travel", 1, MINUTE_START + 60 * MINUTE + 1, "FR");

        assertThat(checker.rulesTrippedBy("u-travel")).containsExactly(Rule.IMPOSSIBLE_TRAVEL);
        assertThat(checker.rulesTrippedBy("u-slow-travel")).isEmpty();
    }

    @Test
    void cardTestingNeedsFiveSmallPurchasesOnThreeCards() {
        for (int i = 0; i < 5; i++) {
            purchase("u-tester", MINUTE_START + i * MINUTE, "1.99", "f-" + (i % 3), "US", Origin.NORMAL);
            purchase("u-two-cards", MINUTE_START + i * MINUTE, "1.99", "f-" + (i % 2), "US", Origin.NORMAL);
            purchase("u-not-small", MINUTE_START + i * MINUTE, i == 4 ? "5.00" : "1.99", "f-" + (i % 3), "US",
                    Origin.NORMAL);
        }

        assertThat(checker.rulesTrippedBy("u-tester")).containsExactly(Rule.CARD_TESTING);
        assertThat(checker.rulesTrippedBy("u-two-cards")).isEmpty();
        assertThat(checker.rulesTrippedBy("u-not-small")).isEmpty();
    }

    @Test
    void countsAnEventIdOnceAndIgnoresEventsBeyondGrace() {
        for (int i = 0; i < 5; i++) {
            PurchaseEvent purchase = purchase("u-dup", MINUTE_START + i * MINUTE, "20.00", "f-1", "US", Origin.NORMAL);
            checker.accept(new GeneratedRecord(Topics.PURCHASE_EVENTS, "u-dup", Codecs.PURCHASE.encode(purchase),
                    MINUTE_START, Origin.DUPLICATE, purchase));
            purchase("u-dropped", MINUTE_START + i * MINUTE, "20.00", "f-1", "US", Origin.NORMAL);
        }
        purchase("u-dropped", MINUTE_START + 5 * MINUTE, "20.00", "f-1", "US", Origin.LATE_BEYOND_GRACE);

        assertThat(checker.rulesTrippedBy("u-dup")).isEmpty();
        assertThat(checker.rulesTrippedBy("u-dropped")).isEmpty();
    }

    /** Purchases 11 minutes apart, so that no other rule gets in the way. */
    private void spree(String user, String... amounts) {
        for (int i = 0; i < amounts.length; i++) {
            purchase(user, MINUTE_START + i * 11 * MINUTE, amounts[i], "f-1", "US", Origin.NORMAL);
        }
    }

    private void clicks(String user, int count, long time, String country) {
        for (int i = 0; i < count; i++) {
            ClickEvent click = new ClickEvent("e-" + ids++, user, "s-1", ClickEventType.PAGE_VIEW, "/", null, null,
                    DeviceType.DESKTOP, "203.0.113.7", country, Instant.ofEpochMilli(time), Map.of());
            checker.accept(new GeneratedRecord(Topics.CLICK_EVENTS, user, Codecs.CLICK.encode(click), time,
                    Origin.NORMAL, click));
        }
    }

    private PurchaseEvent purchase(String user, long time, String amount, String card, String country,
                                   Origin origin) {
        BigDecimal price = new BigDecimal(amount);
        PurchaseEvent purchase = new PurchaseEvent("e-" + ids++, user, "s-1", "o-" + ids,
                List.of(new PurchaseItem("p-1", 1, price)), price, "USD", PaymentMethod.CREDIT_CARD, card,
                "203.0.113.7", country, DeviceType.DESKTOP, Instant.ofEpochMilli(time));
        checker.accept(new GeneratedRecord(Topics.PURCHASE_EVENTS, user, Codecs.PURCHASE.encode(purchase), time,
                origin, purchase));
        return purchase;
    }
}
