package io.storepulse.processor.rules;

import io.storepulse.avro.FraudRule;
import io.storepulse.model.validation.Money;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CARD_TESTING: N or more purchases (5) each under the amount (5.00), paid with M or more distinct card
 * fingerprints (3), within the span (10 minutes) ending at the triggering purchase. Risk 0.8 at the thresholds,
 * 0.05 more per further card and 0.02 per further purchase: tiny orders on many cards are how stolen card numbers
 * are checked before they are used, so even the minimum is HIGH.
 */
final class CardTestingCheck implements FraudCheck {

    private final FraudThresholds thresholds;
    private final long span;

    CardTestingCheck(FraudThresholds thresholds) {
        this.thresholds = thresholds;
        this.span = thresholds.cardTestSpan().toMillis();
    }

    @Override
    public Detection check(FraudState state, Trigger trigger) {
        if (!trigger.purchase()) {
            return null;
        }
        List<FraudState.Paid> small = state.purchasesWithin(trigger.time() - span, trigger.time()).stream()
                .filter(purchase -> purchase.cents() < thresholds.cardTestUnderCents())
                .toList();
        if (small.size() < thresholds.cardTestPurchases()) {
            return null;
        }
        long cards = small.stream().map(FraudState.Paid::card).filter(Objects::nonNull).distinct().count();
        if (cards < thresholds.cardTestCards()) {
            return null;
        }
        double score = Math.min(1.0, 0.8 + 0.05 * (cards - thresholds.cardTestCards())
                + 0.02 * (small.size() - thresholds.cardTestPurchases()));
        return new Detection(FraudRule.CARD_TESTING, trigger.time() - span, trigger.time(), score,
                Map.of("small_purchases", (double) small.size(), "distinct_cards", (double) cards,
                        "under_amount", Money.ofCents(thresholds.cardTestUnderCents()).doubleValue(),
                        "span_seconds", span / 1000.0),
                small.stream().map(FraudState.Paid::eventId).toList());
    }

    @Override
    public long silenceMillis() {
        return span;
    }
}
