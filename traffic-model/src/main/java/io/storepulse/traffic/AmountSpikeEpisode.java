package io.storepulse.traffic;

import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A quiet account that suddenly buys big: 3 or 4 ordinary purchases of 20.00 to 150.00 at least 3 minutes
 * apart, then one of at least 1,000 and 5 times their mean (in some episodes at least 5,000), so AMOUNT_SPIKE
 * fires. Five purchases at most and none under 5.00, one country: no other rule.
 */
final class AmountSpikeEpisode implements EpisodePlanner {

    static final long ORDINARY_MIN_CENTS = 2_000;
    static final long ORDINARY_MAX_CENTS = 15_000;
    static final long SPIKE_FLOOR_CENTS = 100_000;
    static final long HUGE_CENTS = 500_000;
    static final long HUGE_MAX_CENTS = 900_000;
    /** The spike clears the rule's threshold by 50.00 to 500.00, so rounding never decides an episode. */
    private static final long MIN_MARGIN = 5_000;
    private static final long MAX_MARGIN = 50_000;
    private static final double HUGE_SHARE = 0.25;
    private static final long MIN_SPACING = 3 * 60_000L;
    private static final long MAX_SPACING = 6 * 60_000L;
    private static final long MIN_BROWSE = 10_000;
    private static final long MAX_BROWSE = 60_000;

    private final EpisodeTools tools;

    AmountSpikeEpisode(EpisodeTools tools) {
        this.tools = tools;
    }

    @Override
    public FraudPattern pattern() {
        return FraudPattern.AMOUNT_SPIKE;
    }

    @Override
    public List<SpecificRecord> plan(Fraudster buyer, long now) {
        int ordinary = 3 + tools.random().nextInt(2);
        List<SpecificRecord> events = new ArrayList<>(2 * ordinary + 2);
        long time = now;
        long spentCents = 0;
        for (int i = 0; i < ordinary; i++) {
            if (i > 0) {
                time += tools.pause(MIN_SPACING, MAX_SPACING);
            }
            PurchaseEvent purchase = browseAndBuy(buyer, time,
                    tools.baskets().between(ORDINARY_MIN_CENTS, ORDINARY_MAX_CENTS), events);
            time = purchase.getEventTime().toEpochMilli();
            spentCents += purchase.getAmount().unscaledValue().longValueExact();
        }
        time += tools.pause(MIN_SPACING, MAX_SPACING);
        long threshold = Math.max(SPIKE_FLOOR_CENTS, ceilDiv(5 * spentCents, ordinary));
        long margin = tools.pause(MIN_MARGIN, MAX_MARGIN);
        List<PurchaseItem> spike = tools.random().nextDouble() < HUGE_SHARE
                ? tools.baskets().dearBetween(Math.max(threshold, HUGE_CENTS) + margin, HUGE_MAX_CENTS)
                : tools.baskets().dearBetween(threshold + margin, HUGE_CENTS - 1);
        browseAndBuy(buyer, time, spike, events);
        return events;
    }

    private PurchaseEvent browseAndBuy(Fraudster buyer, long time, List<PurchaseItem> items,
                                       List<SpecificRecord> events) {
        String productId = items.get(0).getProductId();
        String page = "/products/" + productId;
        events.add(tools.events().click(buyer.userId(), buyer.sessionId(), ClickEventType.PRODUCT_VIEW, page,
                productId, null, buyer.device(), buyer.ipAddress(), buyer.countryCode(), time, Map.of()));
        long paidAt = time + tools.pause(MIN_BROWSE, MAX_BROWSE);
        PurchaseEvent purchase = tools.events().purchase(buyer.userId(), buyer.sessionId(), items,
                PaymentMethod.CREDIT_CARD, buyer.cardFingerprint(), buyer.ipAddress(), buyer.countryCode(),
                buyer.device(), paidAt);
        events.add(purchase);
        return purchase;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
