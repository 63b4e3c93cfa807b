package io.storepulse.processor.rules;

import io.storepulse.avro.FraudRule;

import java.util.List;
import java.util.Map;

/**
 * CLICK_RATE: more than N clicks (60) by one user in one tumbling window (a minute). Fires on the click that takes
 * the window past N, which happens once per window, so it needs no silence. Risk 0.5 when those clicks spread
 * over the whole window, up to 1.0 as they bunch into an instant: a person clicks fast for seconds, a script for
 * the whole minute at the same pace.
 */
final class ClickRateCheck implements FraudCheck {

    private final int limit;
    private final long window;

    ClickRateCheck(FraudThresholds thresholds) {
        this.limit = thresholds.clicksPerWindow();
        this.window = thresholds.clickWindow().toMillis();
    }

    @Override
    public Detection check(FraudState state, Trigger trigger) {
        if (trigger.purchase()) {
            return null;
        }
        FraudState.ClickWindow clicks = state.clickWindowOf(trigger.time(), window);
        if (clicks == null || clicks.count() != limit + 1) {
            return null;
        }
        double bunched = 1.0 - (double) clicks.spread() / window;
        return new Detection(FraudRule.CLICK_RATE, clicks.start(), clicks.start() + window, 0.5 + 0.5 * bunched,
                Map.of("clicks", (double) clicks.count(), "limit", (double) limit,
                        "spread_seconds", clicks.spread() / 1000.0),
                List.copyOf(clicks.ids()));
    }

    @Override
    public long silenceMillis() {
        return 0;
    }
}
