package io.storepulse.model.validation;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.PurchaseEvent;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;

/** Builds the {@link ValidatedEvent} envelope (key, id, event time) of a typed input record. */
public final class ValidatedEvents {

    private ValidatedEvents() {
    }

    public static ValidatedEvent of(EventKind kind, SpecificRecord record) {
        long eventTime = eventTimeOf(kind, record).toEpochMilli();
        return switch (kind) {
            case CLICK -> {
                ClickEvent click = (ClickEvent) record;
                yield new ValidatedEvent(kind, click.getUserId(), click.getEventId(), eventTime, click);
            }
            case PURCHASE -> {
                PurchaseEvent purchase = (PurchaseEvent) record;
                yield new ValidatedEvent(kind, purchase.getUserId(), purchase.getEventId(), eventTime, purchase);
            }
            case INVENTORY -> {
                InventoryEvent inventory = (InventoryEvent) record;
                yield new ValidatedEvent(kind, inventory.getProductId(), inventory.getEventId(), eventTime, inventory);
            }
        };
    }

    /** The {@code event_time} of a decoded record of {@code kind}, valid or not; null when it has none. */
    public static Instant eventTimeOf(EventKind kind, SpecificRecord record) {
        return switch (kind) {
            case CLICK -> ((ClickEvent) record).getEventTime();
            case PURCHASE -> ((PurchaseEvent) record).getEventTime();
            case INVENTORY -> ((InventoryEvent) record).getEventTime();
        };
    }
}
