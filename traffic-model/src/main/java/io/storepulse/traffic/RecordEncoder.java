package io.storepulse.traffic;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import org.apache.avro.specific.SpecificRecord;

/** Turns an event into its Kafka record: topic and key of CONTRACT section 2, Avro single-object bytes. */
final class RecordEncoder {

    private RecordEncoder() {
    }

    static GeneratedRecord encode(SpecificRecord event, Origin origin) {
        if (event instanceof ClickEvent click) {
            return new GeneratedRecord(Topics.CLICK_EVENTS, click.getUserId(), Codecs.CLICK.encode(click),
                    click.getEventTime().toEpochMilli(), origin, click);
        }
        if (event instanceof PurchaseEvent purchase) {
            return new GeneratedRecord(Topics.PURCHASE_EVENTS, purchase.getUserId(), Codecs.PURCHASE.encode(purchase),
                    purchase.getEventTime().toEpochMilli(), origin, purchase);
        }
        if (event instanceof InventoryEvent inventory) {
            return new GeneratedRecord(Topics.INVENTORY_EVENTS, inventory.getProductId(),
                    Codecs.INVENTORY.encode(inventory), inventory.getEventTime().toEpochMilli(), origin, inventory);
        }
        throw new IllegalArgumentException("not an input event: " + event.getClass().getSimpleName());
    }

    static long eventTime(SpecificRecord event) {
        if (event instanceof ClickEvent click) {
            return click.getEventTime().toEpochMilli();
        }
        if (event instanceof PurchaseEvent purchase) {
            return purchase.getEventTime().toEpochMilli();
        }
        if (event instanceof InventoryEvent inventory) {
            return inventory.getEventTime().toEpochMilli();
        }
        throw new IllegalArgumentException("not an input event: " + event.getClass().getSimpleName());
    }
}
