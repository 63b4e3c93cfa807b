package io.storepulse.processor.archive;

import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes one Parquet row field by field, in the order of the schema's columns: each call is the next column. A
 * null value leaves an optional column empty; lists and maps use Parquet's standard three-level layout.
 */
final class RowWriter {

    private final RecordConsumer out;
    private int field;

    RowWriter(RecordConsumer out) {
        this.out = out;
    }

    void begin() {
        out.startMessage();
        field = 0;
    }

    void end() {
        out.endMessage();
    }

    void string(String name, String value) {
        if (value != null) {
            out.startField(name, field);
            out.addBinary(utf8(value));
            out.endField(name, field);
        }
        field++;
    }

    void int32(String name, int value) {
        out.startField(name, field);
        out.addInteger(value);
        out.endField(name, field++);
    }

    void int64(String name, long value) {
        out.startField(name, field);
        out.addLong(value);
        out.endField(name, field++);
    }

    void float64(String name, double value) {
        out.startField(name, field);
        out.addDouble(value);
        out.endField(name, field++);
    }

    /** UTC epoch milliseconds, the column being {@code TIMESTAMP(MILLIS, adjusted to UTC)}. */
    void timestamp(String name, Instant value) {
        int64(name, value.toEpochMilli());
    }

    /** A {@code DECIMAL(12,2)} stored as its unscaled 64-bit value: 12.30 is 1230. */
    void money(String name, BigDecimal value) {
        int64(name, unscaled(value));
    }

    void strings(String name, List<String> values) {
        out.startField(name, field);
        out.startGroup();
        if (!values.isEmpty()) {
            out.startField("list", 0);
            for (String value : values) {
                out.startGroup();
                out.startField("element", 0);
                out.addBinary(utf8(value));
                out.endField("element", 0);
                out.endGroup();
            }
            out.endField("list", 0);
        }
        out.endGroup();
        out.endField(name, field++);
    }

    void stringMap(String name, Map<String, String> values) {
        out.startField(name, field);
        out.startGroup();
        if (!values.isEmpty()) {
            out.startField("key_value", 0);
            for (Map.Entry<String, String> entry : values.entrySet()) {
                out.startGroup();
                out.startField("key", 0);
                out.addBinary(utf8(entry.getKey()));
                out.endField("key", 0);
                out.startField("value", 1);
                out.addBinary(utf8(entry.getValue()));
                out.endField("value", 1);
                out.endGroup();
            }
            out.endField("key_value", 0);
        }
        out.endGroup();
        out.endField(name, field++);
    }

    /** A list of structs: {@code element} writes one struct's fields through the nested writer it is given. */
    <T> void structs(String name, List<T> values, ElementWriter<T> element) {
        out.startField(name, field);
        out.startGroup();
        if (!values.isEmpty()) {
            out.startField("list", 0);
            RowWriter nested = new RowWriter(out);
            for (T value : values) {
                out.startGroup();
                out.startField("element", 0);
                out.startGroup();
                nested.field = 0;
                element.write(nested, value);
                out.endGroup();
                out.endField("element", 0);
                out.endGroup();
            }
            out.endField("list", 0);
        }
        out.endGroup();
        out.endField(name, field++);
    }

    static long unscaled(BigDecimal money) {
        return money.setScale(2, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    @FunctionalInterface
    interface ElementWriter<T> {
        void write(RowWriter writer, T value);
    }

    /** UTF-8 bytes in an array-backed Binary: hashed and compared by Parquet's dictionaries far faster than a buffer-backed one. */
    private static Binary utf8(String value) {
        return Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
    }
}
