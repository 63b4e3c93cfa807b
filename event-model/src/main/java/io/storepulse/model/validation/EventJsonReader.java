package io.storepulse.model.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the collector's request bodies (CONTRACT section 4): a JSON array or NDJSON of events, each parsed,
 * type-checked, turned into its Avro record and checked against {@link EventRules}. Invalid events are
 * reported with their index; they never stop the valid ones.
 */
public final class EventJsonReader {

    public static final int DEFAULT_MAX_EVENTS = 10_000;

    /** A key given twice is an error, not "the last one wins": the sender meant one of them, and we cannot tell which. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * The largest event, in bytes of its JSON: its Avro record (never longer than its JSON) then fits within a
     * Kafka producer's default {@code max.request.size} (1 MiB) with its key and headers.
     */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1_000_000;

    private final EventRules rules;
    private final int maxEvents;
    private final int maxEventBytes;

    public EventJsonReader(EventRules rules, int maxEvents) {
        this(rules, maxEvents, DEFAULT_MAX_EVENT_BYTES);
    }

    public EventJsonReader(EventRules rules, int maxEvents, int maxEventBytes) {
        this.rules = rules;
        this.maxEvents = maxEvents;
        this.maxEventBytes = maxEventBytes;
    }

    public record Rejection(int index, List<String> errors) {
    }

    /** What one request body held: the valid events in order and the rejected ones with their index. */
    public record Batch(List<ValidatedEvent> accepted, List<Rejection> rejected) {
    }

    /** The body is not JSON (or not an array of events) at all. */
    public static final class NotJsonException extends RuntimeException {
        public NotJsonException(String message) {
            super(message);
        }
    }

    /** The body holds more events than one request may carry. */
    public static final class TooManyEventsException extends RuntimeException {
        public TooManyEventsException(String message) {
            super(message);
        }
    }

    public Batch readArray(byte[] body, Instant now) {
        List<ValidatedEvent> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new NotJsonException("the body is empty; expected a JSON array of events");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new NotJsonException("expected a JSON array of events, found " + describe(first));
            }
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw new NotJsonException("the JSON array is not closed");
                }
                if (index == maxEvents) {
                    throw new TooManyEventsException("a request may carry at most " + maxEvents + " events");
                }
                long from = parser.currentTokenLocation().getByteOffset();
                JsonNode node = MAPPER.readTree(parser);
                long size = parser.currentLocation().getByteOffset() - from;
                if (size > maxEventBytes) {
                    rejected.add(tooLarge(index++, size));
                } else {
                    read(index++, node, now, accepted, rejected);
                }
            }
            if (parser.nextToken() != null) {
                throw new NotJsonException("unexpected content after the JSON array");
            }
        } catch (JsonProcessingException e) {
            throw new NotJsonException("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new NotJsonException("the body could not be read: " + e.getMessage());
        }
        return new Batch(accepted, rejected);
    }

    /** NDJSON: one event per line; blank lines are skipped but keep their number. */
    public Batch readNdjson(byte[] body, Instant now) {
        List<ValidatedEvent> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        String text = new String(body, StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n", -1);
        int parsed = 0;
        int events = 0;
        for (int line = 0; line < lines.length; line++) {
            if (lines[line].isBlank()) {
                continue;
            }
            if (++events > maxEvents) {
                throw new TooManyEventsException("a request may carry at most " + maxEvents + " events");
            }
            long size = utf8Length(lines[line]);
            if (size > maxEventBytes) {
                rejected.add(tooLarge(line, size));
                parsed++;
                continue;
            }
            JsonNode node;
            try {
                node = readSingleValue(lines[line]);
            } catch (JsonProcessingException e) {
                rejected.add(new Rejection(line, List.of("not valid JSON: " + e.getOriginalMessage())));
                continue;
            } catch (IOException e) {
                throw new NotJsonException("the body could not be read: " + e.getMessage());
            }
            parsed++;
            read(line, node, now, accepted, rejected);
        }
        if (events == 0) {
            throw new NotJsonException("the body holds no events; expected one JSON event per line");
        }
        if (parsed == 0) {
            throw new NotJsonException("no line of the body is valid JSON");
        }
        return new Batch(accepted, rejected);
    }

    private Rejection tooLarge(int index, long size) {
        return new Rejection(index, List.of("event: " + size + " bytes of JSON, more than the " + maxEventBytes
                + " one event may take"));
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static JsonNode readSingleValue(String line) throws IOException {
        try (JsonParser parser = MAPPER.createParser(line)) {
            JsonNode node = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "more than one JSON value on the line");
            }
            return node;
        }
    }

    private void read(int index, JsonNode node, Instant now, List<ValidatedEvent> accepted, List<Rejection> rejected) {
        List<String> errors = new ArrayList<>();
        ValidatedEvent event = toEvent(node, now, errors);
        if (event == null) {
            rejected.add(new Rejection(index, List.copyOf(errors)));
        } else {
            accepted.add(event);
        }
    }

    /** One event; null with the reasons in {@code errors} when it is invalid. */
    public ValidatedEvent toEvent(JsonNode node, Instant now, List<String> errors) {
        if (node == null || !node.isObject()) {
            errors.add("event: must be a JSON object");
            return null;
        }
        JsonFields fields = new JsonFields(node, "", errors);
        String type = fields.requiredText("type");
        if (type == null) {
            return null;
        }
        EventKind kind = EventKind.fromJsonType(type);
        if (kind == null) {
            errors.add("type: unknown value '" + type + "', expected one of click, purchase, inventory");
            return null;
        }
        SpecificRecord record = switch (kind) {
            case CLICK -> click(fields, errors);
            case PURCHASE -> purchase(node, fields, errors);
            case INVENTORY -> inventory(fields, errors);
        };
        if (record == null) {
            return null;
        }
        errors.addAll(rules.validate(record, now));
        return errors.isEmpty() ? ValidatedEvents.of(kind, record) : null;
    }

    private static ClickEvent click(JsonFields fields, List<String> errors) {
        int before = errors.size();
        String eventId = fields.requiredText("event_id");
        String userId = fields.requiredText("user_id");
        String sessionId = fields.requiredText("session_id");
        ClickEventType eventType = fields.requiredEnum("event_type", ClickEventType.values());
        String pageUrl = fields.requiredText("page_url");
        String productId = fields.optionalText("product_id");
        String referrer = fields.optionalText("referrer");
        DeviceType device = fields.requiredEnum("device_type", DeviceType.values());
        String ip = fields.requiredText("ip_address");
        String country = fields.requiredText("country");
        Instant eventTime = fields.requiredInstant("event_time");
        var properties = fields.optionalStringMap("properties");
        if (errors.size() > before) {
            return null;
        }
        return ClickEvent.newBuilder().setEventId(eventId).setUserId(userId).setSessionId(sessionId)
                .setEventType(eventType).setPageUrl(pageUrl).setProductId(productId).setReferrer(referrer)
                .setDeviceType(device).setIpAddress(ip).setCountry(country).setEventTime(eventTime)
                .setProperties(properties).build();
    }

    private static PurchaseEvent purchase(JsonNode node, JsonFields fields, List<String> errors) {
        int before = errors.size();
        String eventId = fields.requiredText("event_id");
        String userId = fields.requiredText("user_id");
        String sessionId = fields.requiredText("session_id");
        String orderId = fields.requiredText("order_id");
        List<PurchaseItem> items = items(fields.array("items"), errors);
        BigDecimal amount = fields.requiredDecimal("amount");
        String currency = fields.requiredText("currency");
        PaymentMethod payment = fields.requiredEnum("payment_method", PaymentMethod.values());
        String card = fields.optionalText("card_fingerprint");
        String ip = fields.requiredText("ip_address");
        String country = fields.requiredText("country");
        DeviceType device = fields.requiredEnum("device_type", DeviceType.values());
        Instant eventTime = fields.requiredInstant("event_time");
        if (errors.size() > before) {
            return null;
        }
        return PurchaseEvent.newBuilder().setEventId(eventId).setUserId(userId).setSessionId(sessionId)
                .setOrderId(orderId).setItems(items).setAmount(amount).setCurrency(currency)
                .setPaymentMethod(payment).setCardFingerprint(card).setIpAddress(ip).setCountry(country)
                .setDeviceType(device).setEventTime(eventTime).build();
    }

    private static List<PurchaseItem> items(JsonNode array, List<String> errors) {
        if (array == null) {
            return null;
        }
        List<PurchaseItem> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String prefix = "items[" + i + "].";
            if (!item.isObject()) {
                errors.add(prefix.substring(0, prefix.length() - 1) + ": must be an object");
                continue;
            }
            JsonFields fields = new JsonFields(item, prefix, errors);
            String productId = fields.requiredText("product_id");
            Integer quantity = fields.requiredInt("quantity");
            BigDecimal unitPrice = fields.requiredDecimal("unit_price");
            if (productId != null && quantity != null && unitPrice != null) {
                items.add(new PurchaseItem(productId, quantity, unitPrice));
            }
        }
        return items;
    }

    private static InventoryEvent inventory(JsonFields fields, List<String> errors) {
        int before = errors.size();
        String eventId = fields.requiredText("event_id");
        String productId = fields.requiredText("product_id");
        String warehouseId = fields.requiredText("warehouse_id");
        InventoryOperation operation = fields.requiredEnum("operation", InventoryOperation.values());
        Integer change = fields.requiredInt("quantity_change");
        Integer current = fields.requiredInt("current_quantity");
        Instant eventTime = fields.requiredInstant("event_time");
        if (errors.size() > before) {
            return null;
        }
        return InventoryEvent.newBuilder().setEventId(eventId).setProductId(productId).setWarehouseId(warehouseId)
                .setOperation(operation).setQuantityChange(change).setCurrentQuantity(current)
                .setEventTime(eventTime).build();
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }
}
