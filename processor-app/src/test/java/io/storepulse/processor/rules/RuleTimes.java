package io.storepulse.processor.rules;

import java.time.Instant;

/** The event times the rule tests count from. */
final class RuleTimes {

    /** A whole minute and hour, so epoch-aligned windows start here. */
    static final long T = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;

    private RuleTimes() {
    }
}
