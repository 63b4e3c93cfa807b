package io.storepulse.processor.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.AvroCodec;
import io.storepulse.model.codec.Codecs;
import org.apache.avro.specific.SpecificRecord;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A topic the archive holds, with its Parquet columns (CONTRACT section 10) and how one record becomes one row.
 * Column names are the contract's field names; {@code kafka_partition} and {@code kafka_offset} end every row.
 */
enum ArchivedTopic {

    CLICK_EVENTS(Topics.CLICK_EVENTS, Codecs.CLICK, true, Types.buildMessage()
            .addField(string("event_id")).addField(string("user_id")).addField(string("session_id"))
            .addField(string("event_type")).addField(string("page_url")).addField(optionalString("product_id"))
            .addField(optionalString("referrer")).addField(string("device_type")).addField(string("ip_address"))
            .addField(string("country")).addField(timestamp("event_time")).addField(stringMap("properties"))) {
        @Override
        Instant time(SpecificRecord record) {
            return ((ClickEvent) record).getEventTime();
        }

        @Override
        void writeFields(RowWriter row, SpecificRecord record) {
            ClickEvent click = (ClickEvent) record;
            row.string("event_id", click.getEventId());
            row.string("user_id", click.getUserId());
            row.string("session_id", click.getSessionId());
            row.string("event_type", click.getEventType().name());
            row.string("page_url", click.getPageUrl());
            row.string("product_id", click.getProductId());
            row.string("referrer", click.getReferrer());
            row.string("device_type", click.getDeviceType().name());
            row.string("ip_address", click.getIpAddress());
            row.string("country", click.getCountry());
            row.timestamp("event_time", click.getEventTime());
            row.stringMap("properties", new TreeMap<>(click.getProperties()));
        }
    },

    PURCHASE_EVENTS(Topics.PURCHASE_EVENTS, Codecs.PURCHASE, true, Types.buildMessage()
            .addField(string("event_id")).addField(string("user_id")).addField(string("session_id"))
            .addField(string("order_id"))
            .addField(Types.requiredList().element(Types.requiredGroup()
                    .addField(string("product_id"))
                    .addField(Types.required(PrimitiveTypeName.INT32).named("quantity"))
                    .addField(money("unit_price")).named("element")).named("items"))
            .addField(money("amount")).addField(string("currency")).addField(string("payment_method"))
            .addField(optionalString("card_fingerprint")).addField(string("ip_address")).addField(string("country"))
            .addField(string("device_type")).addField(timestamp("event_time"))) {
        @Override
        Instant time(SpecificRecord record) {
            return ((PurchaseEvent) record).getEventTime();
        }

        @Override
        void writeFields(RowWriter row, SpecificRecord record) {
            PurchaseEvent purchase = (PurchaseEvent) record;
            row.string("event_id", purchase.getEventId());
            row.string("user_id", purchase.getUserId());
            row.string("session_id", purchase.getSessionId());
            row.string("order_id", purchase.getOrderId());
            row.structs("items", purchase.getItems(), ArchivedTopic::writeItem);
            row.money("amount", purchase.getAmount());
            row.string("currency", purchase.getCurrency());
            row.string("payment_method", purchase.getPaymentMethod().name());
            row.string("card_fingerprint", purchase.getCardFingerprint());
            row.string("ip_address", purchase.getIpAddress());
            row.string("country", purchase.getCountry());
            row.string("device_type", purchase.getDeviceType().name());
            row.timestamp("event_time", purchase.getEventTime());
        }
    },

    INVENTORY_EVENTS(Topics.INVENTORY_EVENTS, Codecs.INVENTORY, true, Types.buildMessage()
            .addField(string("event_id")).addField(string("product_id")).addField(string("warehouse_id"))
            .addField(string("operation"))
            .addField(Types.required(PrimitiveTypeName.INT32).named("quantity_change"))
            .addField(Types.required(PrimitiveTypeName.INT32).named("current_quantity"))
            .addField(timestamp("event_time"))) {
        @Override
        Instant time(SpecificRecord record) {
            return ((InventoryEvent) record).getEventTime();
        }

        @Override
        void writeFields(RowWriter row, SpecificRecord record) {
            InventoryEvent inventory = (InventoryEvent) record;
            row.string("event_id", inventory.getEventId());
            row.string("product_id", inventory.getProductId());
            row.string("warehouse_id", inventory.getWarehouseId());
            row.string("operation", inventory.getOperation().name());
            row.int32("quantity_change", inventory.getQuantityChange());
            row.int32("current_quantity", inventory.getCurrentQuantity());
            row.timestamp("event_time", inventory.getEventTime());
        }
    },

    FRAUD_ALERTS(Topics.FRAUD_ALERTS, Codecs.FRAUD_ALERT, false, Types.buildMessage()
            .addField(string("alert_id")).addField(string("rule")).addField(string("user_id"))
            .addField(Types.required(PrimitiveTypeName.DOUBLE).named("risk_score")).addField(string("severity"))
            .addField(timestamp("window_start")).addField(timestamp("window_end")).addField(timestamp("event_time"))
            .addField(timestamp("detected_at")).addField(string("evidence"))
            .addField(Types.requiredList().requiredElement(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType()).named("event_ids"))) {
        @Override
        Instant time(SpecificRecord record) {
            return ((FraudAlert) record).getDetectedAt();
        }

        @Override
        void writeFields(RowWriter row, SpecificRecord record) {
            FraudAlert alert = (FraudAlert) record;
            row.string("alert_id", alert.getAlertId());
            row.string("rule", alert.getRule().name());
            row.string("user_id", alert.getUserId());
            row.float64("risk_score", alert.getRiskScore());
            row.string("severity", alert.getSeverity().name());
            row.timestamp("window_start", alert.getWindowStart());
            row.timestamp("window_end", alert.getWindowEnd());
            row.timestamp("event_time", alert.getEventTime());
            row.timestamp("detected_at", alert.getDetectedAt());
            row.string("evidence", json(alert.getEvidence()));
            row.strings("event_ids", alert.getEventIds());
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final AvroCodec<? extends SpecificRecord> codec;
    private final boolean validated;
    private final MessageType schema;

    ArchivedTopic(String topic, AvroCodec<? extends SpecificRecord> codec, boolean validated,
                  Types.GroupBuilder<MessageType> columns) {
        this.topic = topic;
        this.codec = codec;
        this.validated = validated;
        this.schema = columns
                .addField(Types.required(PrimitiveTypeName.INT32).named("kafka_partition"))
                .addField(Types.required(PrimitiveTypeName.INT64).named("kafka_offset"))
                .named(codec.type().getSimpleName());
    }

    /** The record's time in the archive's layout: {@code event_time} for inputs, {@code detected_at} for alerts. */
    abstract Instant time(SpecificRecord record);

    abstract void writeFields(RowWriter row, SpecificRecord record);

    /** One row: the record's fields, then where it was read from. */
    final void write(RowWriter row, SpecificRecord record, int partition, long offset) {
        row.begin();
        writeFields(row, record);
        row.int32("kafka_partition", partition);
        row.int64("kafka_offset", offset);
        row.end();
    }

    String topic() {
        return topic;
    }

    AvroCodec<? extends SpecificRecord> codec() {
        return codec;
    }

    /** Whether records pass CONTRACT section 3's validation before they are archived (the inputs do). */
    boolean validated() {
        return validated;
    }

    MessageType schema() {
        return schema;
    }

    static ArchivedTopic of(String topic) {
        for (ArchivedTopic archived : values()) {
            if (archived.topic.equals(topic)) {
                return archived;
            }
        }
        throw new IllegalArgumentException("storepulse.archive.topics: " + topic
                + " is not an archivable topic; choose from click-events, purchase-events, inventory-events, fraud-alerts");
    }

    private static void writeItem(RowWriter row, PurchaseItem item) {
        row.string("product_id", item.getProductId());
        row.int32("quantity", item.getQuantity());
        row.money("unit_price", item.getUnitPrice());
    }

    /** Evidence as JSON text with its keys in order, so the same alert always gives the same text. */
    private static String json(Map<String, Object> evidence) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(evidence));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evidence is not representable as JSON", e);
        }
    }

    private static Type string(String name) {
        return Types.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }

    private static Type optionalString(String name) {
        return Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }

    private static Type timestamp(String name) {
        return Types.required(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MILLIS)).named(name);
    }

    private static Type money(String name) {
        return Types.required(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.decimalType(2, 12)).named(name);
    }

    private static GroupType stringMap(String name) {
        return Types.requiredMap().key(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                .requiredValue(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name);
    }
}
