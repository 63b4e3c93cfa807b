package io.storepulse.processor.rules;

import io.storepulse.avro.FraudRule;

import java.util.List;
import java.util.Map;

/**
 * PURCHASE_VELOCITY: more than N purchases (5) within the span (10 minutes) ending at the triggering purchase.
 * Risk 0.5 when the N + 1 most recent of them spread over the whole span, up to 1.0 as they bunch together:
 * orders seconds apart are a script or a stolen account being drained.
 */
final class PurchaseVelocityCheck implements FraudCheck {

    private final int limit;
    private final long span;

    PurchaseVelocityCheck(FraudThresholds thresholds) {
        this.limit = thresholds.purchasesPerSpan();
        this.span = thresholds.velocitySpan().toMillis();
    }

    @Override
    public Detection check(FraudState state, Trigger trigger) {
        if (!trigger.purchase()) {
            return null;
        }
        List<FraudState.Paid> within = state.purchasesWithin(trigger.time() - span, trigger.time());
        if (within.size() <= limit) {
            return null;
        }
        long spread = within.get(within.size() - 1).time() - within.get(within.size() - 1 - limit).time();
        double bunched = 1.0 - (double) spread / span;
        return new Detection(FraudRule.PURCHASE_VELOCITY, trigger.time() - span, trigger.time(), 0.5 + 0.5 * bunched,
                Map.of("purchases", (double) within.size(), "limit", (double) limit, "span_seconds", span / 1000.0),
                within.stream().map(FraudState.Paid::eventId).toList());
    }

    @Override
    public long silenceMillis() {
        return span;
    }
}
