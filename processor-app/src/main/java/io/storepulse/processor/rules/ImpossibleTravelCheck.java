package io.storepulse.processor.rules;

import io.storepulse.avro.FraudRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IMPOSSIBLE_TRAVEL: events (clicks and purchases) from N or more distinct countries (3) within the span (an hour)
 * ending at the triggering event. Risk 0.7 at N countries, 0.1 more for each further one: three countries in an
 * hour is already no journey a person makes, more is a shared or stolen account.
 */
final class ImpossibleTravelCheck implements FraudCheck {

    private final int countries;
    private final long span;

    ImpossibleTravelCheck(FraudThresholds thresholds) {
        this.countries = thresholds.travelCountries();
        this.span = thresholds.travelSpan().toMillis();
    }

    @Override
    public Detection check(FraudState state, Trigger trigger) {
        Map<String, String> seen = state.countriesWithin(trigger.time() - span, trigger.time());
        if (seen.size() < countries) {
            return null;
        }
        return new Detection(FraudRule.IMPOSSIBLE_TRAVEL, trigger.time() - span, trigger.time(),
                Math.min(1.0, 0.7 + 0.1 * (seen.size() - countries)),
                Map.of("distinct_countries", (double) seen.size(), "countries", new ArrayList<>(seen.keySet()),
                        "span_seconds", span / 1000.0),
                List.copyOf(seen.values()));
    }

    @Override
    public long silenceMillis() {
        return span;
    }
}
