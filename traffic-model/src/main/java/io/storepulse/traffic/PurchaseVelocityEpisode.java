package io.storepulse.traffic;

import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.PaymentMethod;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stolen account emptied fast: a login, then 6 to 9 purchases of 20.00 to 300.00 on one card, all within
 * 8 minutes, so PURCHASE_VELOCITY (more than 5 within 10 minutes) fires. No amount comes near 1,000 and none is
 * under 5.00, one country: no other rule.
 */
final class PurchaseVelocityEpisode implements EpisodePlanner {

    static final int MIN_PURCHASES = 6;
    static final int MAX_PURCHASES = 9;
    static final long MAX_SPAN = 8 * 60_000L;
    static final long MIN_CENTS = 2_000;
    static final long MAX_CENTS = 30_000;
    private static final long MIN_FIRST_PAUSE = 5_000;
    private static final long MAX_FIRST_PAUSE = 20_000;
    private static final long MIN_GAP = 15_000;

    private final EpisodeTools tools;

    PurchaseVelocityEpisode(EpisodeTools tools) {
        this.tools = tools;
    }

    @Override
    public FraudPattern pattern() {
        return FraudPattern.PURCHASE_VELOCITY;
    }

    @Override
    public List<SpecificRecord> plan(Fraudster thief, long now) {
        int purchases = MIN_PURCHASES + tools.random().nextInt(MAX_PURCHASES - MIN_PURCHASES + 1);
        long maxGap = (MAX_SPAN - MAX_FIRST_PAUSE) / (purchases - 1);
        List<SpecificRecord> events = new ArrayList<>(purchases + 1);
        long time = now;
        events.add(tools.events().click(thief.userId(), thief.sessionId(), ClickEventType.LOGIN, "/login", null,
                null, thief.device(), thief.ipAddress(), thief.countryCode(), time, Map.of()));
        time += tools.pause(MIN_FIRST_PAUSE, MAX_FIRST_PAUSE);
        for (int i = 0; i < purchases; i++) {
            if (i > 0) {
                time += tools.pause(MIN_GAP, maxGap);
            }
            events.add(tools.events().purchase(thief.userId(), thief.sessionId(),
                    tools.baskets().between(MIN_CENTS, MAX_CENTS), PaymentMethod.CREDIT_CARD,
                    thief.cardFingerprint(), thief.ipAddress(), thief.countryCode(), thief.device(), time));
        }
        return events;
    }
}
