package io.storepulse.processor.topology;

import org.apache.kafka.common.utils.Bytes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys of the queryable stores: the length-prefixed id, then a time big-endian. All entries of one id form one
 * contiguous range ordered by time, which a range query reads without scanning other ids.
 */
public final class StoreKeys {

    private StoreKeys() {
    }

    public static Bytes of(String id, long time) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(2 + bytes.length + 8).putShort((short) bytes.length).put(bytes)
                .putLong(time).array());
    }

    /** The first and last possible keys of one id (times from the epoch on). */
    public static Bytes[] rangeOf(String id) {
        return new Bytes[] {of(id, 0), of(id, Long.MAX_VALUE)};
    }
}
