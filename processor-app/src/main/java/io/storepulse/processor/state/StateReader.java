package io.storepulse.processor.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads what {@link StateWriter} wrote, field by field in the same order. */
public final class StateReader {

    private final byte[] bytes;
    private int position;
    private long previousTime;
    private byte[] previousId = new byte[0];

    public StateReader(byte[] bytes) {
        this.bytes = bytes;
        this.position = 9;
        this.previousTime = fixedTime(bytes);
    }

    /** The first byte: the format's version. */
    public static byte version(byte[] bytes) {
        return bytes[0];
    }

    /** The fixed time after the version, read without decoding the rest. */
    public static long fixedTime(byte[] bytes) {
        long time = 0;
        for (int i = 1; i <= 8; i++) {
            time = (time << 8) | (bytes[i] & 0xFF);
        }
        return time;
    }

    public int count() {
        long value = unsigned();
        if (value > Integer.MAX_VALUE) {
            throw new IllegalStateException("count " + value + " out of range at byte " + position);
        }
        return (int) value;
    }

    public long longCount() {
        return unsigned();
    }

    public long signed() {
        long zigZag = unsigned();
        return (zigZag >>> 1) ^ -(zigZag & 1);
    }

    public long time() {
        previousTime += signed();
        return previousTime;
    }

    public boolean flag() {
        return bytes[position++] != 0;
    }

    public String text() {
        int length = count();
        String text = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    public String id() {
        int shared = count();
        int rest = count();
        byte[] utf8 = Arrays.copyOf(previousId, shared + rest);
        System.arraycopy(bytes, position, utf8, shared, rest);
        position += rest;
        previousId = utf8;
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private long unsigned() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes[position++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalStateException("malformed variable-length integer before byte " + position);
    }
}
