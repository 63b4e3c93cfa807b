package io.storepulse.traffic;

import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A scraper crawling product pages: 61 to 120 clicks inside one epoch-aligned minute, so CLICK_RATE (more than
 * 60 in a tumbling minute) fires, and nothing else: no purchase, one country.
 */
final class ClickBotEpisode implements EpisodePlanner {

    static final int MIN_CLICKS = 61;
    static final int MAX_CLICKS = 120;
    static final long MINUTE = 60_000;
    /** With less of the minute left, the bot starts with the next minute rather than crowd into a sliver. */
    static final long MIN_MINUTE_LEFT = 20_000;
    private static final Map<String, String> BOT_PROPERTIES = Map.of("user_agent", "python-requests/2.31.0");

    private final EpisodeTools tools;

    ClickBotEpisode(EpisodeTools tools) {
        this.tools = tools;
    }

    @Override
    public FraudPattern pattern() {
        return FraudPattern.CLICK_BOT;
    }

    @Override
    public List<SpecificRecord> plan(Fraudster bot, long now) {
        int clicks = MIN_CLICKS + tools.random().nextInt(MAX_CLICKS - MIN_CLICKS + 1);
        long minute = Math.floorDiv(now, MINUTE) * MINUTE;
        long first = now;
        if (minute + MINUTE - now < MIN_MINUTE_LEFT) {
            minute += MINUTE;
            first = minute;
        }
        long[] times = new long[clicks];
        times[0] = first;
        for (int i = 1; i < clicks; i++) {
            times[i] = first + tools.random().nextLong(minute + MINUTE - first);
        }
        Arrays.sort(times);

        Catalogue catalogue = tools.catalogue();
        int product = tools.random().nextInt(catalogue.regularCount());
        String previousPage = null;
        List<SpecificRecord> events = new ArrayList<>(clicks);
        for (long time : times) {
            product = (product + 1) % catalogue.regularCount();
            String page = catalogue.pageUrl(product);
            events.add(tools.events().click(bot.userId(), bot.sessionId(), ClickEventType.PRODUCT_VIEW, page,
                    catalogue.id(product), previousPage, DeviceType.DESKTOP, bot.ipAddress(), bot.countryCode(),
                    time, BOT_PROPERTIES));
            previousPage = page;
        }
        return events;
    }
}
