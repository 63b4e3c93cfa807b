package io.storepulse.traffic;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.validation.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds the Avro events, stamping each with an event id unique across the run. */
final class EventFactory {

    static final String CURRENCY = "USD";

    private final IdSequence eventIds;
    private final IdSequence orderIds = new IdSequence("o-");

    /** Event ids carry the seed, so runs with different seeds never share one. */
    EventFactory(long seed) {
        this.eventIds = new IdSequence("e-" + Long.toHexString(seed) + "-");
    }

    ClickEvent click(String userId, String sessionId, ClickEventType type, String pageUrl, String productId,
                     String referrer, DeviceType device, String ipAddress, String country, long time,
                     Map<String, String> properties) {
        return new ClickEvent(eventIds.next(), userId, sessionId, type, pageUrl, productId, referrer, device,
                ipAddress, country, Instant.ofEpochMilli(time), properties);
    }

    PurchaseEvent purchase(String userId, String sessionId, List<PurchaseItem> items, PaymentMethod paymentMethod,
                           String cardFingerprint, String ipAddress, String country, DeviceType device, long time) {
        return new PurchaseEvent(eventIds.next(), userId, sessionId, orderIds.next(), items, amountOf(items),
                CURRENCY, paymentMethod, cardFingerprint, ipAddress, country, device, Instant.ofEpochMilli(time));
    }

    InventoryEvent inventory(String productId, String warehouseId, InventoryOperation operation, int change,
                             int current, long time) {
        return new InventoryEvent(eventIds.next(), productId, warehouseId, operation, change, current,
                Instant.ofEpochMilli(time));
    }

    /** The exact sum of quantity * unit_price, so every purchase passes the contract's amount rule. */
    static BigDecimal amountOf(List<PurchaseItem> items) {
        long cents = 0;
        for (PurchaseItem item : items) {
            cents += item.getQuantity() * item.getUnitPrice().unscaledValue().longValueExact();
        }
        return Money.ofCents(cents);
    }
}
