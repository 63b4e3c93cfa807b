package io.storepulse.processor.archive;

import io.storepulse.avro.ClickEvent;
import io.storepulse.model.codec.AvroCodec;
import io.storepulse.model.codec.Codecs;
import io.storepulse.model.codec.SchemaCatalog;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.storepulse.processor.archive.ArchiveRecords.alert;
import static io.storepulse.processor.archive.ArchiveRecords.click;
import static io.storepulse.processor.archive.ArchiveRecords.inventory;
import static io.storepulse.processor.archive.ArchiveRecords.item;
import static io.storepulse.processor.archive.ArchiveRecords.purchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each record type written as a Parquet object and read back by DuckDB: column types and hand-computed values. */
class ParquetRowsTest {

    private static final Instant TIME = Instant.parse("2026-12-05T10:15:30.123Z");

    @TempDir
    Path dir;
    private DuckDb duck;

    @BeforeEach
    void open() throws Exception {
        duck = new DuckDb();
    }

    @AfterEach
    void close() throws Exception {
        duck.close();
    }

    @Test
    void purchaseColumnsAreTheContractsWithMoneyAsDecimalAndItemsAsStructs() throws Exception {
        ParquetObject object = new ParquetObject(ArchivedTopic.PURCHASE_EVENTS);
        object.write(purchase("e-1", TIME, "card-9", item("p-1", 2, "19.99"), item("p-2", 1, "0.01")), 3, 41L);
        object.write(purchase("e-2", TIME, null, item("p-3", 1, "9999999999.99")), 3, 42L);
        object.write(purchase("e-3", TIME, null, item("p-4", 3, "12.3"), item("p-5", 1, "0.00")), 3, 44L);
        String file = DuckDb.write(dir, "purchase.parquet", object.finish()).toString();

        assertThat(duck.types(file)).containsExactly(
                Map.entry("event_id", "VARCHAR"), Map.entry("user_id", "VARCHAR"), Map.entry("session_id", "VARCHAR"),
                Map.entry("order_id", "VARCHAR"),
                Map.entry("items", "STRUCT(product_id VARCHAR, quantity INTEGER, unit_price DECIMAL(12,2))[]"),
                Map.entry("amount", "DECIMAL(12,2)"), Map.entry("currency", "VARCHAR"),
                Map.entry("payment_method", "VARCHAR"), Map.entry("card_fingerprint", "VARCHAR"),
                Map.entry("ip_address", "VARCHAR"), Map.entry("country", "VARCHAR"),
                Map.entry("device_type", "VARCHAR"), Map.entry("event_time", "TIMESTAMP WITH TIME ZONE"),
                Map.entry("kafka_partition", "INTEGER"), Map.entry("kafka_offset", "BIGINT"));
        List<Map<String, Object>> rows = duck.rows("SELECT event_id, amount::VARCHAR AS amount, card_fingerprint,"
                + " len(items) AS n, items[1].product_id AS first_product, items[1].quantity AS first_quantity,"
                + " items[1].unit_price::VARCHAR AS first_price, epoch_ms(event_time) AS millis, kafka_partition,"
                + " kafka_offset, payment_method FROM read_parquet('" + file + "') ORDER BY kafka_offset");
        // 2 x 19.99 + 0.01 = 39.99; 12.3 is written at scale 2 as 12.30, so 3 x 12.30 + 0.00 = 36.90.
        assertThat(rows).containsExactly(
                row("e-1", "39.99", "card-9", 2L, "p-1", 2, "19.99", 41L),
                row("e-2", "9999999999.99", null, 1L, "p-3", 1, "9999999999.99", 42L),
                row("e-3", "36.90", null, 2L, "p-4", 3, "12.30", 44L));
        assertThat(duck.single("SELECT sum(amount)::VARCHAR FROM read_parquet('" + file + "')"))
                .isEqualTo("10000000076.88");
    }

    @Test
    void recordsOfAnOlderSchemaVersionAreWrittenInTheNewestIntoTheSameObject() throws Exception {
        Schema current = ClickEvent.getClassSchema();
        Schema older = Schema.createRecord(current.getName(), "ClickEvent before referrer", current.getNamespace(),
                false, current.getFields().stream().filter(field -> !field.name().equals("referrer"))
                        .map(field -> new Schema.Field(field, field.schema())).toList());
        AvroCodec<ClickEvent> reader = new AvroCodec<>(ClickEvent.class, current, SchemaCatalog.of(current, older));
        ClickEvent newest = click("c-new", TIME, "p-1", Map.of());
        newest.setReferrer("https://search.example/");
        Roll roll = new Roll(ArchivedTopic.CLICK_EVENTS, 0, 0L);
        roll.cover(10L, 0L);
        roll.add(reader.decode(olderClick(older, "c-old")), ArchiveKeys.hourOf(TIME), 10L);
        roll.cover(11L, 0L);
        roll.add(reader.decode(Codecs.CLICK.encode(newest)), ArchiveKeys.hourOf(TIME), 11L);

        List<Sealed.Part> parts = roll.seal().parts();
        assertThat(parts).as("one hour, one object, whatever the writer schemas").hasSize(1);
        String file = DuckDb.write(dir, "mixed.parquet", parts.get(0).bytes()).toString();
        assertThat(duck.types(file)).containsKey("referrer");
        assertThat(duck.rows("SELECT event_id, referrer FROM read_parquet('" + file + "') ORDER BY kafka_offset"))
                .containsExactly(Null.row("event_id", "c-old", "referrer", null),
                        Null.row("event_id", "c-new", "referrer", "https://search.example/"));
    }

    @Test
    void clickOptionalFieldsAreNullAndPropertiesAMap() throws Exception {
        ParquetObject object = new ParquetObject(ArchivedTopic.CLICK_EVENTS);
        object.write(click("c-1", TIME, "p-7", Map.of("campaign", "winter", "ab", "B")), 0, 7L);
        object.write(click("c-2", TIME, null, Map.of()), 0, 8L);
        String file = DuckDb.write(dir, "click.parquet", object.finish()).toString();

        assertThat(duck.types(file)).containsEntry("properties", "MAP(VARCHAR, VARCHAR)")
                .containsEntry("product_id", "VARCHAR").containsEntry("event_time", "TIMESTAMP WITH TIME ZONE");
        assertThat(duck.rows("SELECT event_id, product_id, referrer, event_type, properties['campaign'] AS campaign,"
                + " cardinality(properties)::INTEGER AS n, epoch_ms(event_time) AS millis FROM read_parquet('" + file
                + "') ORDER BY kafka_offset")).containsExactly(
                Null.row("event_id", "c-1", "product_id", "p-7", "event_type", "PRODUCT_VIEW", "campaign", "winter",
                        "n", 2, "millis", TIME.toEpochMilli(), "referrer", null),
                Null.row("event_id", "c-2", "product_id", null, "event_type", "PRODUCT_VIEW",
                        "campaign", null, "n", 0, "millis", TIME.toEpochMilli(), "referrer", null)
                        );
    }

    @Test
    void inventoryAndAlertRows() throws Exception {
        ParquetObject stock = new ParquetObject(ArchivedTopic.INVENTORY_EVENTS);
        stock.write(inventory("i-1", TIME, -3, 17), 5, 100L);
        String stockFile = DuckDb.write(dir, "inventory.parquet", stock.finish()).toString();
        assertThat(duck.rows("SELECT operation, quantity_change, current_quantity, kafka_partition FROM read_parquet('"
                + stockFile + "')")).containsExactly(Null.row("operation", "SALE", "quantity_change", -3,
                "current_quantity", 17, "kafka_partition", 5));

        ParquetObject alerts = new ParquetObject(ArchivedTopic.FRAUD_ALERTS);
        alerts.write(alert("a-1", TIME, Map.of("distinct_cards", 4.0, "cards", List.of("c1", "c2"), "note", "x\"y"),
                List.of("e-1", "e-2", "e-3")), 1, 9L);
        String alertFile = DuckDb.write(dir, "alerts.parquet", alerts.finish()).toString();
        assertThat(duck.rows("SELECT alert_id, rule, risk_score, evidence, len(event_ids) AS n, event_ids[3] AS last_id,"
                + " epoch_ms(detected_at) - epoch_ms(window_start) AS span, json_extract(evidence, '$.cards[1]')::VARCHAR"
                + " AS second_card FROM read_parquet('" + alertFile + "')")).containsExactly(
                Null.row("alert_id", "a-1", "rule", "CARD_TESTING", "risk_score", 0.875,
                        "evidence", "{\"cards\":[\"c1\",\"c2\"],\"distinct_cards\":4.0,\"note\":\"x\\\"y\"}",
                        "n", 3L, "last_id", "e-3", "span", 600_000L, "second_card", "\"c2\"")
                        );
    }

    @Test
    void moneyBeyondDecimal12Scale2IsRefusedNotRounded() {
        assertThat(RowWriter.unscaled(new BigDecimal("0.1"))).isEqualTo(10L);
        assertThat(RowWriter.unscaled(new BigDecimal("9999999999.99"))).isEqualTo(999_999_999_999L);
        assertThatThrownBy(() -> RowWriter.unscaled(new BigDecimal("1.005"))).isInstanceOf(ArithmeticException.class);
    }

    private static Map<String, Object> row(String id, String amount, String card, long items, String firstProduct,
                                           int firstQuantity, String firstPrice, long offset) {
        return Null.row("event_id", id, "amount", amount, "card_fingerprint", card,
                "n", items, "first_product", firstProduct, "first_quantity", firstQuantity, "first_price", firstPrice,
                "millis", TIME.toEpochMilli(), "kafka_partition", 3, "kafka_offset", offset,
                "payment_method", "CREDIT_CARD");
    }
    private static byte[] olderClick(Schema older, String id) throws IOException {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        GenericRecord record = new GenericData.Record(older);
        record.put("event_id", id);
        record.put("user_id", "u-1");
        record.put("session_id", "s-1");
        record.put("event_type", new GenericData.EnumSymbol(older.getField("event_type").schema(), "PAGE_VIEW"));
        record.put("page_url", "/");
        record.put("product_id", null);
        record.put("device_type", new GenericData.EnumSymbol(older.getField("device_type").schema(), "DESKTOP"));
        record.put("ip_address", "203.0.113.7");
        record.put("country", "DE");
        record.put("event_time", TIME);
        record.put("properties", Map.of());
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(model, older).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
