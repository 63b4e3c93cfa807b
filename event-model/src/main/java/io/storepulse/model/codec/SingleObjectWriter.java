package io.storepulse.model.codec;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

import java.nio.charset.StandardCharsets;

/**
 * Writes a record in Avro's single-object encoding (the form {@link AvroCodec} writes and every StorePulse decoder
 * reads: a marker, the schema's fingerprint, then the fields in schema order) straight from values, without
 * building a record object or going through Avro's generic writer. For outputs written once per event; the caller
 * writes every field of the schema, in order, with the method of its type, and a test compares the bytes with
 * {@link AvroCodec#encode}.
 */
public final class SingleObjectWriter {

    /** 10^n for the precisions a long can hold. */
    private static final long[] TENS = new long[19];

    static {
        TENS[0] = 1;
        for (int i = 1; i < TENS.length; i++) {
            TENS[i] = TENS[i - 1] * 10;
        }
    }

    private final ByteWriter out = new ByteWriter(128);

    /** Starts a record whose header (from {@link #header}) is {@code header}. */
    public SingleObjectWriter(byte[] header) {
        out.put(header, 0, header.length);
    }

    /** The single-object header of {@code schema}: the marker C3 01 and the schema's 64-bit fingerprint, little-endian. */
    public static byte[] header(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        byte[] header = new byte[10];
        header[0] = (byte) 0xC3;
        header[1] = (byte) 0x01;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }

    /** An Avro {@code string}: its UTF-8 length, then the bytes. */
    public SingleObjectWriter string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.zigZag(utf8.length);
        out.put(utf8, 0, utf8.length);
        return this;
    }

    /** An Avro {@code int} or {@code long} (a {@code timestamp-millis} too): zig-zag, variable length. */
    public SingleObjectWriter number(long value) {
        out.zigZag(value);
        return this;
    }

    /**
     * An Avro {@code decimal} over {@code bytes} with the given unscaled value: minimal two's complement, big-endian.
     * Like Avro's encoder, refuses a value with more digits than {@code precision}.
     */
    public SingleObjectWriter decimal(long unscaled, int precision) {
        if (unscaled >= TENS[precision] || unscaled <= -TENS[precision]) {
            throw new CodecException("cannot encode decimal " + unscaled + " (unscaled) with more than " + precision
                    + " digits", null);
        }
        int length = (64 - Long.numberOfLeadingZeros(unscaled ^ (unscaled >> 63))) / 8 + 1;
        out.zigZag(length);
        for (int i = length - 1; i >= 0; i--) {
            out.put((byte) (unscaled >>> (8 * i)));
        }
        return this;
    }

    /** An Avro {@code boolean}. */
    public SingleObjectWriter bool(boolean value) {
        out.put((byte) (value ? 1 : 0));
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
