package io.storepulse.model.validation;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import org.apache.avro.specific.SpecificRecord;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The value rules of CONTRACT section 3 on typed events. The collector applies them after parsing JSON,
 * the processor to every record it reads; both get the same messages. Pure: "now" is a parameter.
 */
public final class EventRules {

    public static final int MAX_ID_LENGTH = 64;
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final Duration maxFutureSkew;

    public EventRules(Duration maxFutureSkew) {
        this.maxFutureSkew = maxFutureSkew;
    }

    /** Whether {@code eventTime} is further ahead of the clock {@code now} than an event may be. */
    public boolean tooFarAhead(Instant eventTime, Instant now) {
        return eventTime.isAfter(now.plus(maxFutureSkew));
    }

    /**
     * The "now" a record read from its topic is judged by: the time the broker wrote it (the inputs use
     * LogAppendTime), or the reader's clock if that is earlier. Judging by the write time gives a record the same
     * verdict however late it is read: a processor working through a backlog, or the archiver reading a range again,
     * rejects exactly what a live reader would have.
     */
    public static Instant receivedAt(long recordTimestamp, long readerClock) {
        return Instant.ofEpochMilli(Math.min(recordTimestamp, readerClock));
    }

    public static EventRules defaults() {
        return new EventRules(DEFAULT_MAX_FUTURE_SKEW);
    }

    /** Every broken rule, as {@code "field: message"}; empty when the event is valid. */
    public List<String> validate(SpecificRecord event, Instant now) {
        List<String> errors = new ArrayList<>();
        if (event instanceof ClickEvent click) {
            validateClick(click, errors);
            checkEventTime(click.getEventTime(), now, errors);
        } else if (event instanceof PurchaseEvent purchase) {
            validatePurchase(purchase, errors);
            checkEventTime(purchase.getEventTime(), now, errors);
        } else if (event instanceof InventoryEvent inventory) {
            validateInventory(inventory, errors);
            checkEventTime(inventory.getEventTime(), now, errors);
        } else {
            errors.add("type: unsupported record " + (event == null ? "null" : event.getClass().getSimpleName()));
        }
        return errors;
    }

    private static void validateClick(ClickEvent click, List<String> errors) {
        checkId("event_id", click.getEventId(), errors);
        checkId("user_id", click.getUserId(), errors);
        checkId("session_id", click.getSessionId(), errors);
        if (click.getProductId() != null) {
            checkId("product_id", click.getProductId(), errors);
        }
        checkIp(click.getIpAddress(), errors);
        checkCountry(click.getCountry(), errors);
    }

    private static void validatePurchase(PurchaseEvent purchase, List<String> errors) {
        checkId("event_id", purchase.getEventId(), errors);
        checkId("user_id", purchase.getUserId(), errors);
        checkId("session_id", purchase.getSessionId(), errors);
        checkId("order_id", purchase.getOrderId(), errors);
        if (purchase.getCardFingerprint() != null) {
            checkId("card_fingerprint", purchase.getCardFingerprint(), errors);
        }
        List<PurchaseItem> items = purchase.getItems();
        if (items == null || items.isEmpty()) {
            errors.add("items: at least one item is required");
        }
        BigDecimal total = BigDecimal.ZERO;
        boolean itemsValid = true;
        for (int i = 0; items != null && i < items.size(); i++) {
            PurchaseItem item = items.get(i);
            String at = "items[" + i + "].";
            int before = errors.size();
            checkId(at + "product_id", item.getProductId(), errors);
            if (item.getQuantity() <= 0) {
                errors.add(at + "quantity: must be greater than 0, was " + item.getQuantity());
            }
            checkMoney(at + "unit_price", item.getUnitPrice(), errors);
            itemsValid &= errors.size() == before;
            if (errors.size() == before) {
                total = total.add(item.getUnitPrice().multiply(BigDecimal.valueOf(item.getQuantity())));
            }
        }
        int beforeAmount = errors.size();
        checkMoney("amount", purchase.getAmount(), errors);
        if (itemsValid && items != null && !items.isEmpty() && errors.size() == beforeAmount
                && purchase.getAmount().compareTo(total) != 0) {
            errors.add("amount: " + purchase.getAmount().toPlainString()
                    + " does not equal the sum of quantity * unit_price, " + total.setScale(Money.SCALE).toPlainString());
        }
        String currency = purchase.getCurrency();
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            errors.add("currency: must be three capital letters, was " + quote(currency));
        }
        checkIp(purchase.getIpAddress(), errors);
        checkCountry(purchase.getCountry(), errors);
    }

    private static void validateInventory(InventoryEvent inventory, List<String> errors) {
        checkId("event_id", inventory.getEventId(), errors);
        checkId("product_id", inventory.getProductId(), errors);
        checkId("warehouse_id", inventory.getWarehouseId(), errors);
        if (inventory.getQuantityChange() == 0) {
            errors.add("quantity_change: must not be 0");
        }
        if (inventory.getCurrentQuantity() < 0) {
            errors.add("current_quantity: must be at least 0, was " + inventory.getCurrentQuantity());
        }
    }

    private void checkEventTime(Instant eventTime, Instant now, List<String> errors) {
        if (eventTime == null) {
            errors.add("event_time: required");
        } else if (tooFarAhead(eventTime, now)) {
            errors.add("event_time: " + eventTime + " is more than " + maxFutureSkew.toMinutes()
                    + " minutes ahead of the receiver's clock (" + now + ")");
        }
    }

    static void checkId(String field, String value, List<String> errors) {
        String problem = idProblem(value);
        if (problem != null) {
            errors.add(field + ": " + problem);
        }
    }

    /**
     * What is wrong with {@code value} as an id (null: nothing): an id is 1 to {@value #MAX_ID_LENGTH} characters,
     * counted as Unicode code points (a character outside the Basic Multilingual Plane counts once), none of them a
     * control character. The one id rule of the collector, the processor and serving-api.
     */
    public static String idProblem(String value) {
        if (value == null || value.isEmpty()) {
            return "must be 1-" + MAX_ID_LENGTH + " characters, was empty";
        }
        int characters = value.codePointCount(0, value.length());
        if (characters > MAX_ID_LENGTH) {
            return "must be 1-" + MAX_ID_LENGTH + " characters, was " + characters;
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return null;
    }

    private static void checkMoney(String field, BigDecimal value, List<String> errors) {
        if (value == null) {
            errors.add(field + ": required");
        } else if (value.signum() < 0) {
            errors.add(field + ": must be at least 0, was " + value.toPlainString());
        } else if (!Money.fits(value)) {
            errors.add(field + ": must be a decimal(12,2), was " + value.toPlainString());
        }
    }

    private static void checkCountry(String country, List<String> errors) {
        if (country == null || !COUNTRIES.contains(country)) {
            errors.add("country: must be an ISO-3166 alpha-2 code, was " + quote(country));
        }
    }

    private static void checkIp(String ip, List<String> errors) {
        if (ip == null || !IpAddresses.isLiteral(ip)) {
            errors.add("ip_address: must be an IPv4 or IPv6 address, was " + quote(ip));
        }
    }

    private static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
