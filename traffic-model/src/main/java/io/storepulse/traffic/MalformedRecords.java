package io.storepulse.traffic;

import io.storepulse.model.Topics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Records no codec can read, with a plausible key on an input topic: either random bytes, which never start
 * with the Avro single-object marker, or a valid record cut short, which always runs out of bytes mid-decode.
 */
final class MalformedRecords {

    private static final byte AVRO_MARKER = (byte) 0xC3;
    private static final int MIN_GARBAGE = 4;
    private static final int MAX_GARBAGE = 96;

    private final Catalogue catalogue;
    private final int users;
    private final SplittableRandom random;

    MalformedRecords(Catalogue catalogue, int users, SplittableRandom random) {
        this.catalogue = catalogue;
        this.users = users;
        this.random = random;
    }

    GeneratedRecord make(long now, RecentRecords recent) {
        String topic = Topics.INPUTS.get(random.nextInt(Topics.INPUTS.size()));
        String key = Topics.INVENTORY_EVENTS.equals(topic)
                ? catalogue.id(catalogue.popular(random))
                : "u-" + (1 + random.nextInt(users));
        byte[] original = recent.lastValueOn(topic);
        byte[] value = original != null && random.nextBoolean() ? truncated(original) : garbage();
        return new GeneratedRecord(topic, key, value, now, Origin.MALFORMED, null);
    }

    private byte[] truncated(byte[] original) {
        return Arrays.copyOf(original, 1 + random.nextInt(original.length - 1));
    }

    private byte[] garbage() {
        byte[] bytes = new byte[MIN_GARBAGE + random.nextInt(MAX_GARBAGE - MIN_GARBAGE + 1)];
        random.nextBytes(bytes);
        if (bytes[0] == AVRO_MARKER) {
            bytes[0] = 0;
        }
        return bytes;
    }
}
