package io.storepulse.traffic;

import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.PaymentMethod;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stolen card numbers checked with tiny orders: exactly 5 purchases of a micro item under 5.00 with 3 to 5
 * distinct cards within 8 minutes, so CARD_TESTING fires. Five purchases is not "more than 5", so
 * PURCHASE_VELOCITY stays silent; nothing else is bought.
 */
final class CardTestingEpisode implements EpisodePlanner {

    static final int PURCHASES = 5;
    static final int MIN_CARDS = 3;
    static final int MAX_CARDS = 5;
    /** Five pauses of at most 90 s: the whole episode takes at most 7.5 minutes. */
    private static final long MIN_GAP = 10_000;
    private static final long MAX_GAP = 90_000;

    private final EpisodeTools tools;

    CardTestingEpisode(EpisodeTools tools) {
        this.tools = tools;
    }

    @Override
    public FraudPattern pattern() {
        return FraudPattern.CARD_TESTING;
    }

    @Override
    public List<SpecificRecord> plan(Fraudster tester, long now) {
        String[] cards = cardSequence();
        Catalogue catalogue = tools.catalogue();
        int landing = catalogue.micro(tools.random());
        List<SpecificRecord> events = new ArrayList<>(PURCHASES + 1);
        long time = now;
        events.add(tools.events().click(tester.userId(), tester.sessionId(), ClickEventType.PRODUCT_VIEW,
                catalogue.pageUrl(landing), catalogue.id(landing), null, tester.device(), tester.ipAddress(),
                tester.countryCode(), time, Map.of()));
        for (String card : cards) {
            time += tools.pause(MIN_GAP, MAX_GAP);
            events.add(tools.events().purchase(tester.userId(), tester.sessionId(),
                    tools.baskets().single(catalogue.micro(tools.random()), 1), PaymentMethod.CREDIT_CARD, card,
                    tester.ipAddress(), tester.countryCode(), tester.device(), time));
        }
        return events;
    }

    /** The card of each purchase: 3 to 5 distinct cards, in shuffled order. */
    private String[] cardSequence() {
        int distinct = MIN_CARDS + tools.random().nextInt(MAX_CARDS - MIN_CARDS + 1);
        String[] cards = new String[PURCHASES];
        for (int i = 0; i < PURCHASES; i++) {
            cards[i] = i < distinct ? tools.cardIds().next() : cards[tools.random().nextInt(distinct)];
        }
        for (int i = PURCHASES - 1; i > 0; i--) {
            int j = tools.random().nextInt(i + 1);
            String swap = cards[i];
            cards[i] = cards[j];
            cards[j] = swap;
        }
        return cards;
    }
}
