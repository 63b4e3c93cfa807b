package io.storepulse.traffic;

/** The fraud episodes the generator injects; each one trips exactly one rule of CONTRACT section 8. */
public enum FraudPattern {
    /** Trips CLICK_RATE: 61 to 120 clicks inside one epoch-aligned minute. */
    CLICK_BOT,
    /** Trips PURCHASE_VELOCITY: 6 to 9 ordinary purchases within 8 minutes, one card. */
    PURCHASE_VELOCITY,
    /** Trips AMOUNT_SPIKE: 3 or 4 ordinary purchases, then one of at least 1,000 and 5 times their mean. */
    AMOUNT_SPIKE,
    /** Trips IMPOSSIBLE_TRAVEL: events from exactly 3 countries within 30 minutes. */
    IMPOSSIBLE_TRAVEL,
    /** Trips CARD_TESTING: exactly 5 purchases under 5.00 with 3 to 5 cards within 8 minutes. */
    CARD_TESTING
}
