package io.storepulse.processor.rules;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The numbers of CONTRACT section 8's fraud rules. Money is in cents. Every span is at least a minute: the
 * travel rule keeps where a user was per minute, which is exact only for spans of a minute or more.
 *
 * @param clicksPerWindow     CLICK_RATE fires on the click that makes a window hold more than this many
 * @param clickWindow         CLICK_RATE's tumbling window, aligned to the epoch
 * @param purchasesPerSpan    PURCHASE_VELOCITY fires when more than this many purchases fall within its span
 * @param velocitySpan        PURCHASE_VELOCITY's span, ending at the triggering purchase, both ends included
 * @param spikeMinCents       AMOUNT_SPIKE's smallest amount relative to the mean
 * @param spikeMultiple       ... and how many times the mean of the previous purchases it must be
 * @param spikeMinPrevious    ... of at least this many previous purchases
 * @param spikeAlwaysCents    AMOUNT_SPIKE fires for any purchase of at least this
 * @param travelCountries     IMPOSSIBLE_TRAVEL fires at this many distinct countries within its span
 * @param travelSpan          IMPOSSIBLE_TRAVEL's span
 * @param cardTestPurchases   CARD_TESTING fires at this many small purchases within its span ...
 * @param cardTestUnderCents  ... each below this amount ...
 * @param cardTestCards       ... paid with at least this many distinct card fingerprints
 * @param cardTestSpan        CARD_TESTING's span
 */
public record FraudThresholds(int clicksPerWindow, Duration clickWindow, int purchasesPerSpan, Duration velocitySpan,
                              long spikeMinCents, BigDecimal spikeMultiple, int spikeMinPrevious, long spikeAlwaysCents,
                              int travelCountries, Duration travelSpan, int cardTestPurchases, long cardTestUnderCents,
                              int cardTestCards, Duration cardTestSpan) {

    public static final FraudThresholds DEFAULTS = new FraudThresholds(60, Duration.ofMinutes(1), 5,
            Duration.ofMinutes(10), 100_000, BigDecimal.valueOf(5), 3, 500_000, 3, Duration.ofHours(1), 5, 500, 3,
            Duration.ofMinutes(10));

    public FraudThresholds {
        for (Duration span : new Duration[] {clickWindow, velocitySpan, travelSpan, cardTestSpan}) {
            if (span.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("every fraud rule span must be at least one minute, got " + span);
            }
        }
    }

    /** How far back purchases must be kept: the longer of the two purchase spans. */
    long purchaseReach() {
        return Math.max(velocitySpan.toMillis(), cardTestSpan.toMillis());
    }
}
