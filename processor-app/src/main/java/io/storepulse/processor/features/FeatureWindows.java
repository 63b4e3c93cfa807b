package io.storepulse.processor.features;

import java.time.Duration;

/** The spans of CONTRACT section 8's features: clicks_5m, the one-hour and the 24-hour features. */
public record FeatureWindows(Duration shortSpan, Duration hour, Duration day) {

    public static final FeatureWindows DEFAULTS =
            new FeatureWindows(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(24));
}
