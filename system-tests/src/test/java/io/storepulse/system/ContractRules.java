package io.storepulse.system;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import org.apache.avro.specific.SpecificRecord;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The value rules of CONTRACT section 3 (and the fine print of section 9) for an event that decoded. Types and enums
 * are already checked by decoding; what is left is ids, countries, quantities, prices, the amount rule, the currency
 * and the future limit on event_time.
 */
final class ContractRules {

    private static final int MAX_ID_LENGTH = 64;
    private static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private ContractRules() {
    }

    /** True when {@code event} breaks no rule for a receiver whose clock reads {@code now}. */
    static boolean valid(SpecificRecord event, Instant now) {
        if (event instanceof ClickEvent click) {
            return ids(click.getEventId(), click.getUserId(), click.getSessionId())
                    && (click.getProductId() == null || ids(click.getProductId()))
                    && COUNTRIES.contains(click.getCountry())
                    && notAhead(click.getEventTime(), now);
        }
        if (event instanceof PurchaseEvent purchase) {
            return ids(purchase.getEventId(), purchase.getUserId(), purchase.getSessionId(), purchase.getOrderId())
                    && (purchase.getCardFingerprint() == null || ids(purchase.getCardFingerprint()))
                    && items(purchase)
                    && purchase.getCurrency().matches("[A-Z]{3}")
                    && COUNTRIES.contains(purchase.getCountry())
                    && notAhead(purchase.getEventTime(), now);
        }
        InventoryEvent inventory = (InventoryEvent) event;
        return ids(inventory.getEventId(), inventory.getProductId(), inventory.getWarehouseId())
                && inventory.getQuantityChange() != 0
                && inventory.getCurrentQuantity() >= 0
                && notAhead(inventory.getEventTime(), now);
    }

    private static boolean items(PurchaseEvent purchase) {
        BigDecimal total = BigDecimal.ZERO;
        for (PurchaseItem item : purchase.getItems()) {
            if (!ids(item.getProductId()) || item.getQuantity() <= 0 || item.getUnitPrice().signum() < 0) {
                return false;
            }
            total = total.add(item.getUnitPrice().multiply(BigDecimal.valueOf(item.getQuantity())));
        }
        return !purchase.getItems().isEmpty() && total.compareTo(purchase.getAmount()) == 0;
    }

    private static boolean ids(String... ids) {
        return Stream.of(ids).allMatch(id -> !id.isEmpty() && id.length() <= MAX_ID_LENGTH);
    }

    private static boolean notAhead(Instant eventTime, Instant now) {
        return !eventTime.isAfter(now.plus(MAX_AHEAD));
    }
}
