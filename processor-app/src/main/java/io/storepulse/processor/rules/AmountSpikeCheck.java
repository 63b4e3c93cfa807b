package io.storepulse.processor.rules;

import io.storepulse.avro.FraudRule;
import io.storepulse.model.validation.Money;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMOUNT_SPIKE: a purchase of at least the minimum (1,000) that is at least the multiple (5) of the mean of the
 * user's previous purchases (3 or more, in the order processed), or any purchase of at least the absolute limit
 * (5,000). Each qualifying purchase is its own window. Risk: from 0.8 at the absolute limit up to 1.0 at ten
 * times it (an amount that large is suspicious whoever pays it); from 0.5 at the multiple up to 0.8 at four times
 * the multiple (unusual for this user, not in itself outrageous); the higher of the two when both hold.
 */
final class AmountSpikeCheck implements FraudCheck {

    private final FraudThresholds thresholds;

    AmountSpikeCheck(FraudThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public Detection check(FraudState state, Trigger trigger) {
        if (!trigger.purchase()) {
            return null;
        }
        long amount = trigger.amountCents();
        long previous = state.purchaseCount();
        long previousSum = state.purchaseSumCents();
        boolean absolute = amount >= thresholds.spikeAlwaysCents();
        boolean relative = amount >= thresholds.spikeMinCents() && previous >= thresholds.spikeMinPrevious()
                && BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(previous))
                .compareTo(thresholds.spikeMultiple().multiply(BigDecimal.valueOf(previousSum))) >= 0;
        if (!absolute && !relative) {
            return null;
        }
        double multiple = thresholds.spikeMultiple().doubleValue();
        double ratio = previousSum == 0 ? 0 : (double) amount * previous / previousSum;
        double score = 0;
        if (absolute) {
            double always = thresholds.spikeAlwaysCents();
            score = 0.8 + 0.2 * Math.min(1.0, (amount - always) / (9 * always));
        }
        if (relative) {
            score = Math.max(score, 0.5 + 0.3 * Math.min(1.0, (ratio - multiple) / (3 * multiple)));
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("amount", Money.ofCents(amount).doubleValue());
        evidence.put("previous_purchases", (double) previous);
        evidence.put("previous_mean", previous == 0 ? 0.0 : Money.ofCents(previousSum).doubleValue() / previous);
        evidence.put("ratio_to_mean", ratio);
        return new Detection(FraudRule.AMOUNT_SPIKE, trigger.time(), trigger.time(), score, evidence,
                List.of(trigger.eventId()));
    }

    @Override
    public long silenceMillis() {
        return 0;
    }
}
