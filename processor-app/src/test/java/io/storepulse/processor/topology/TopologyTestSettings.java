package io.storepulse.processor.topology;

import io.storepulse.model.validation.EventRules;
import io.storepulse.processor.features.FeatureWindows;

import java.time.Duration;

/** The contract's defaults: 10 min grace, 30 min session gap, 5 min / 1 h / 24 h feature spans. */
final class TopologyTestSettings {

    static final TopologyProducer.Settings DEFAULTS = new TopologyProducer.Settings(EventRules.defaults(),
            Duration.ofMinutes(10), Duration.ofMinutes(30), FeatureWindows.DEFAULTS);

    private TopologyTestSettings() {
    }
}
