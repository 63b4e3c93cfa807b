package io.storepulse.processor.topology;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded input records for the fuzz tests, through the topology test driver and through the real broker: half valid
 * events on their own topic (up to 20 minutes old, so some late; ids repeating, so some duplicates), the rest any value
 * on any input under any key: random bytes, truncated, wrongly framed, header-valid with a corrupt body, a huge length
 * field, or null. Ids and users start with the given prefix, so runs on one broker do not meet.
 */
public final class FuzzInputs {

    private static final List<String> INPUTS = Topics.INPUTS;

    private final SplittableRandom random;
    private final Instant now;
    private final String prefix;

    /** One record as written: its topic, key (may be null) and value (may be null). */
    public record Input(String topic, String key, byte[] value) {
        @Override
        public String toString() {
            return topic + " key=" + key + " value=" + (value == null ? "null" : value.length + " bytes "
                    + Arrays.toString(Arrays.copyOf(value, Math.min(value.length, 24))));
        }
    }

    public FuzzInputs(SplittableRandom random, Instant now, String prefix) {
        this.random = random;
        this.now = now;
        this.prefix = prefix;
    }

    /** The next record. */
    public Input next() {
        if (random.nextBoolean()) {
            int kind = random.nextInt(3);
            return new Input(INPUTS.get(kind), prefix + "u-1", validEvent(kind));
        }
        String topic = INPUTS.get(random.nextInt(INPUTS.size()));
        String key = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> prefix + "u-" + random.nextInt(3);
            default -> randomText(random.nextInt(80));
        };
        return new Input(topic, key, value());
    }

    /** A valid click for {@code user}, at {@code time}: the marker a test writes after a batch. */
    static ClickEvent click(String id, String user, Instant time) {
        return ClickEvent.newBuilder().setEventId(id).setUserId(user).setSessionId("s-1")
                .setEventType(ClickEventType.PAGE_VIEW).setPageUrl("/").setDeviceType(DeviceType.DESKTOP)
                .setIpAddress("203.0.113.7").setCountry("US").setEventTime(time).build();
    }

    private byte[] value() {
        byte[] valid = validEvent(random.nextInt(3));
        return switch (random.nextInt(8)) {
            case 0, 1 -> valid;
            case 2 -> randomBytes(random.nextInt(300));
            case 3 -> Arrays.copyOf(valid, random.nextInt(valid.length));
            case 4 -> corruptBody(valid);
            case 5 -> wrongFraming(valid);
            case 6 -> hugeLength(valid);
            default -> null;
        };
    }

    /** A valid click (0), purchase (1) or inventory event (2), up to 20 minutes old (some late), ids repeating. */
    private byte[] validEvent(int kind) {
        int n = 1 + random.nextInt(200);
        Instant time = now.minusSeconds(random.nextInt(20 * 60));
        String id = prefix + "e-" + n;
        String user = prefix + "u-" + (n % 7);
        return switch (kind) {
            case 0 -> Codecs.CLICK.encode(click(id, user, time));
            case 1 -> Codecs.PURCHASE.encode(PurchaseEvent.newBuilder().setEventId(id).setUserId(user)
                    .setSessionId("s-1").setOrderId("o-" + n)
                    .setItems(List.of(new PurchaseItem(prefix + "p-" + (n % 5), 1, new BigDecimal("9.99"))))
                    .setAmount(new BigDecimal("9.99")).setCurrency("USD").setPaymentMethod(PaymentMethod.CREDIT_CARD)
                    .setIpAddress("203.0.113.7").setCountry("US").setDeviceType(DeviceType.MOBILE).setEventTime(time)
                    .build());
            default -> Codecs.INVENTORY.encode(InventoryEvent.newBuilder().setEventId(id)
                    .setProductId(prefix + "p-" + (n % 5)).setWarehouseId("w-1").setOperation(InventoryOperation.RESTOCK)
                    .setQuantityChange(5).setCurrentQuantity(50).setEventTime(time).build());
        };
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(4) == 0 ? 0x1F600 + random.nextInt(50) : 0x20 + random.nextInt(0x2000));
        }
        return text.toString();
    }

    /** The 10-byte header (marker and schema fingerprint) kept, up to four bytes of the body overwritten. */
    private byte[] corruptBody(byte[] valid) {
        byte[] corrupt = valid.clone();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
            corrupt[10 + random.nextInt(valid.length - 10)] = (byte) random.nextInt(256);
        }
        return corrupt;
    }

    /** A byte of the marker or of the schema fingerprint wrong. */
    private byte[] wrongFraming(byte[] valid) {
        byte[] wrong = valid.clone();
        wrong[random.nextInt(10)] ^= (byte) (1 + random.nextInt(255));
        return wrong;
    }

    /** A valid header, then a first field (a string) whose length says from 1 MiB to 2^62 bytes follow. */
    private byte[] hugeLength(byte[] valid) {
        long length = (1L << 20) + (random.nextLong() >>> 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(valid, 0, 10);
        long zigZag = length << 1;
        while ((zigZag & ~0x7FL) != 0) {
            bytes.write((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        bytes.write((int) zigZag);
        bytes.write(valid, 10, Math.min(20, valid.length - 10));
        return bytes.toByteArray();
    }
}
