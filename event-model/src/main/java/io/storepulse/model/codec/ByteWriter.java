package io.storepulse.model.codec;

import java.util.Arrays;

/**
 * A growable byte array with the variable-length integers StorePulse's binary writers use: seven bits a byte, low
 * bits first, the high bit set on every byte but the last; signed values zig-zag first, so small magnitudes of
 * either sign are short (Avro's {@code int} and {@code long} are written this way).
 */
public final class ByteWriter {

    private byte[] bytes;
    private int size;

    public ByteWriter(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    /** A non-negative value (the bits of any other are written as they are, in ten bytes). */
    public void unsigned(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /** Any value, zig-zag encoded. */
    public void zigZag(long value) {
        unsigned((value << 1) ^ (value >> 63));
    }

    public void put(byte value) {
        ensure(1);
        bytes[size++] = value;
    }

    public void put(byte[] source, int from, int length) {
        ensure(length);
        System.arraycopy(source, from, bytes, size, length);
        size += length;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
