package io.storepulse.processor.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The five rules over one user's fraud state. For each accepted click or purchase: record it, let every rule look,
 * keep the detections a recent alert of the same rule does not silence, and only then count the purchase into the
 * running mean (AMOUNT_SPIKE compares with the purchases before it). Pure: no Kafka, no clock.
 */
public final class FraudDetector {

    private final FraudThresholds thresholds;
    private final List<FraudCheck> checks;

    public FraudDetector(FraudThresholds thresholds) {
        this.thresholds = thresholds;
        this.checks = List.of(new ClickRateCheck(thresholds), new PurchaseVelocityCheck(thresholds),
                new AmountSpikeCheck(thresholds), new ImpossibleTravelCheck(thresholds), new CardTestingCheck(thresholds));
    }

    public FraudThresholds thresholds() {
        return thresholds;
    }

    /** Records the event in {@code state} and returns the alerts it raises, in rule order. */
    public List<Detection> process(FraudState state, Trigger trigger) {
        if (trigger.purchase()) {
            state.addPurchase(new FraudState.Paid(trigger.time(), trigger.amountCents(), trigger.card(),
                    trigger.eventId()));
        } else {
            state.addClick(trigger.time(), trigger.eventId(), thresholds.clickWindow().toMillis(),
                    thresholds.clicksPerWindow() + 1);
        }
        state.addPresence(trigger.time(), trigger.country(), trigger.eventId());
        List<Detection> detections = new ArrayList<>(0);
        for (FraudCheck check : checks) {
            Detection detection = check.check(state, trigger);
            if (detection == null) {
                continue;
            }
            long silence = check.silenceMillis();
            if (silence > 0 && state.alertedNear(detection.rule(), detection.windowEnd(), silence)) {
                continue;
            }
            if (silence > 0) {
                state.markAlert(detection.rule(), detection.windowEnd());
            }
            detections.add(detection);
        }
        if (trigger.purchase()) {
            state.countPurchase(trigger.amountCents());
        }
        return detections;
    }
}
