package io.storepulse.model.validation;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.PurchaseEvent;
import org.apache.avro.specific.SpecificRecord;

/** Builds the {@link ValidatedEvent} envelope (key, id, event time) of a typed input record. */
public final class ValidatedEvents {

    private ValidatedEvents() {
    }

    public static ValidatedEvent of(EventKind kind, SpecificRecord record) {
        return switch (kind) {
            case CLICK -> {
                ClickEvent click = (ClickEvent) record;
                yield new ValidatedEvent(kind, click.getUserId(), click.getEventId(),
                        click.getEventTime().toEpochMilli(), click);
            }
            case PURCHASE -> {
                PurchaseEvent purchase = (PurchaseEvent) record;
                yield new ValidatedEvent(kind, purchase.getUserId(), purchase.getEventId(),
                        purchase.getEventTime().toEpochMilli(), purchase);
            }
            case INVENTORY -> {
                InventoryEvent inventory = (InventoryEvent) record;
                yield new ValidatedEvent(kind, inventory.getProductId(), inventory.getEventId(),
                        inventory.getEventTime().toEpochMilli(), inventory);
            }
        };
    }
}
