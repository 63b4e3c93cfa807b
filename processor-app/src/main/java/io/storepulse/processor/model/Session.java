package io.storepulse.processor.model;

import io.storepulse.avro.SessionSummary;
import io.storepulse.model.codec.SingleObjectWriter;
import io.storepulse.model.validation.Money;

import java.time.Instant;

/**
 * One event-time session of a user: first and last event time, counts, and revenue in cents (exact, never a
 * double). Immutable; {@link #plus} and {@link #merge} return new sessions.
 */
public record Session(long start, long end, long events, long pageViews, long productViews, long addToCarts,
                      long purchases, long revenueCents) {

    private static final byte[] SUMMARY_HEADER = SingleObjectWriter.header(SessionSummary.getClassSchema());

    /** What one event is, as far as sessions count it. */
    public enum Activity { PAGE_VIEW, PRODUCT_VIEW, ADD_TO_CART, OTHER_CLICK, PURCHASE }

    public static Session of(long time, Activity activity, long amountCents) {
        return new Session(time, time, 0, 0, 0, 0, 0, 0).plus(time, activity, amountCents);
    }

    public Session plus(long time, Activity activity, long amountCents) {
        return new Session(Math.min(start, time), Math.max(end, time), events + 1,
                pageViews + (activity == Activity.PAGE_VIEW ? 1 : 0),
                productViews + (activity == Activity.PRODUCT_VIEW ? 1 : 0),
                addToCarts + (activity == Activity.ADD_TO_CART ? 1 : 0),
                purchases + (activity == Activity.PURCHASE ? 1 : 0),
                revenueCents + amountCents);
    }

    public Session merge(Session other) {
        return new Session(Math.min(start, other.start), Math.max(end, other.end), events + other.events,
                pageViews + other.pageViews, productViews + other.productViews, addToCarts + other.addToCarts,
                purchases + other.purchases, revenueCents + other.revenueCents);
    }

    /** The contract's record of this session (CONTRACT section 8). */
    public SessionSummary toSummary(String userId) {
        return SessionSummary.newBuilder()
                .setUserId(userId)
                .setSessionStart(Instant.ofEpochMilli(start))
                .setSessionEnd(Instant.ofEpochMilli(end))
                .setEvents(events)
                .setPageViews(pageViews)
                .setProductViews(productViews)
                .setAddToCarts(addToCarts)
                .setPurchases(purchases)
                .setRevenue(Money.ofCents(revenueCents))
                .setConverted(purchases > 0)
                .build();
    }

    /**
     * {@link #toSummary} as {@code Codecs.SESSION} encodes it, written straight from the fields: once per event.
     * A revenue with more digits than the schema allows is refused ({@code CodecException}), as Avro refuses it.
     */
    public byte[] summaryBytes(String userId) {
        return new SingleObjectWriter(SUMMARY_HEADER).string(userId).number(start).number(end).number(events)
                .number(pageViews).number(productViews).number(addToCarts).number(purchases)
                .decimal(revenueCents, Money.PRECISION).bool(purchases > 0).toByteArray();
    }
}
