package io.storepulse.processor.state;

import io.storepulse.model.codec.ByteWriter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a user's state compactly, because it is written, and sent to its changelog, once per event: counts and
 * amounts as variable-length integers, each time as the difference from the time written before it (most are
 * seconds apart), and each event id as the bytes it does not share with the id written before it (a user's ids
 * mostly differ in their last characters). {@link StateReader} reads the fields back in the same order.
 */
public final class StateWriter {

    private final ByteWriter out = new ByteWriter(256);
    private long previousTime;
    private byte[] previousId = new byte[0];

    /** Starts with a byte and a fixed 8-byte time that a reader can find without decoding anything else. */
    public StateWriter(byte version, long time) {
        out.put(version);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.put((byte) (time >>> shift));
        }
        this.previousTime = time;
    }

    /** A non-negative count or size. */
    public void count(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative count " + value);
        }
        out.unsigned(value);
    }

    /** Any long (an amount, a total), small in either direction is short. */
    public void signed(long value) {
        out.zigZag(value);
    }

    /** A time, as the difference from the previous one written. */
    public void time(long time) {
        signed(time - previousTime);
        previousTime = time;
    }

    public void flag(boolean value) {
        out.put((byte) (value ? 1 : 0));
    }

    /** A short text such as a country or a device type. */
    public void text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        count(utf8.length);
        out.put(utf8, 0, utf8.length);
    }

    /** An event id, as the length it shares with the previous id written and the bytes after that. */
    public void id(String id) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        int shared = Arrays.mismatch(utf8, previousId);
        if (shared < 0) {
            shared = utf8.length;                                   // the same id again
        }
        count(shared);
        count(utf8.length - shared);
        out.put(utf8, shared, utf8.length - shared);
        previousId = utf8;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
