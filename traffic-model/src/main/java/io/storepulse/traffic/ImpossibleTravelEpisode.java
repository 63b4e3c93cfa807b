package io.storepulse.traffic;

import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.PaymentMethod;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One account used from three countries within 30 minutes (a shared or stolen login): a few clicks from each,
 * sometimes an ordinary purchase, so IMPOSSIBLE_TRAVEL (3 countries within an hour) fires. At most 3 purchases
 * of 20.00 to 300.00 and a few dozen clicks: no other rule.
 */
final class ImpossibleTravelEpisode implements EpisodePlanner {

    static final int COUNTRIES = 3;
    static final int MIN_CLICKS_PER_COUNTRY = 2;
    static final int MAX_CLICKS_PER_COUNTRY = 6;
    static final long MIN_CENTS = 2_000;
    static final long MAX_CENTS = 30_000;
    private static final double PURCHASE_PER_COUNTRY = 1.0 / 3;
    private static final long MIN_GAP = 5_000;
    private static final long MAX_GAP = 30_000;
    /** 18 gaps of at most 30 s and 2 hops of at most 8 minutes: 25 minutes at most, inside the 30 promised. */
    private static final long MIN_HOP = 60_000;
    private static final long MAX_HOP = 8 * 60_000L;

    private final EpisodeTools tools;

    ImpossibleTravelEpisode(EpisodeTools tools) {
        this.tools = tools;
    }

    @Override
    public FraudPattern pattern() {
        return FraudPattern.IMPOSSIBLE_TRAVEL;
    }

    @Override
    public List<SpecificRecord> plan(Fraudster traveller, long now) {
        int[] countries = distinctCountries(traveller.country());
        List<SpecificRecord> events = new ArrayList<>();
        Catalogue catalogue = tools.catalogue();
        long time = now;
        for (int leg = 0; leg < COUNTRIES; leg++) {
            String country = Countries.code(countries[leg]);
            String ip = leg == 0 ? traveller.ipAddress() : Countries.ipAddress(countries[leg], tools.random().nextLong());
            if (leg > 0) {
                time += tools.pause(MIN_HOP, MAX_HOP);
            }
            int clicks = MIN_CLICKS_PER_COUNTRY
                    + tools.random().nextInt(MAX_CLICKS_PER_COUNTRY - MIN_CLICKS_PER_COUNTRY + 1);
            for (int i = 0; i < clicks; i++) {
                if (i > 0) {
                    time += tools.pause(MIN_GAP, MAX_GAP);
                }
                int product = catalogue.popular(tools.random());
                events.add(tools.events().click(traveller.userId(), traveller.sessionId(),
                        ClickEventType.PRODUCT_VIEW, catalogue.pageUrl(product), catalogue.id(product), null,
                        traveller.device(), ip, country, time, Map.of()));
            }
            if (tools.random().nextDouble() < PURCHASE_PER_COUNTRY) {
                time += tools.pause(MIN_GAP, MAX_GAP);
                events.add(tools.events().purchase(traveller.userId(), traveller.sessionId(),
                        tools.baskets().between(MIN_CENTS, MAX_CENTS), PaymentMethod.CREDIT_CARD,
                        traveller.cardFingerprint(), ip, country, traveller.device(), time));
            }
        }
        return events;
    }

    private int[] distinctCountries(int home) {
        int[] countries = new int[COUNTRIES];
        countries[0] = home;
        for (int i = 1; i < COUNTRIES; i++) {
            int candidate;
            do {
                candidate = Countries.pick(tools.random());
            } while (contains(countries, i, candidate));
            countries[i] = candidate;
        }
        return countries;
    }

    private static boolean contains(int[] values, int length, int value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
