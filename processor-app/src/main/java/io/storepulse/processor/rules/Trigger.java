package io.storepulse.processor.rules;

/**
 * The event a rule is evaluated on: a click, or a purchase with its amount in cents and card (null when the
 * payment used none).
 */
public record Trigger(String eventId, long time, String country, boolean purchase, long amountCents, String card) {

    public static Trigger click(String eventId, long time, String country) {
        return new Trigger(eventId, time, country, false, 0, null);
    }

    public static Trigger purchase(String eventId, long time, String country, long amountCents, String card) {
        return new Trigger(eventId, time, country, true, amountCents, card);
    }
}
