package io.storepulse.processor.it;

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
import io.storepulse.testing.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Valid input events written straight to the input topics of the test broker, each at its event time. A JUnit
 * extension ({@code @RegisterExtension static final}): the producer is made at the first record, once the test
 * resource has started the broker, and closed after the class's tests.
 */
final class InputRecords implements AfterAllCallback {

    private KafkaProducer<String, byte[]> producer;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static PurchaseItem item(String product, int quantity, String unitPrice) {
        return new PurchaseItem(product, quantity, new BigDecimal(unitPrice));
    }

    void click(String user, String id, ClickEventType type, Instant time) {
        send(Topics.CLICK_EVENTS, user, Codecs.CLICK.encode(ClickEvent.newBuilder().setEventId(id).setUserId(user)
                .setSessionId("s-1").setEventType(type).setPageUrl("/").setDeviceType(DeviceType.DESKTOP)
                .setIpAddress("203.0.113.7").setCountry("US").setEventTime(time).build()), time);
    }

    /** A purchase of {@code items}, its amount their sum. */
    void purchase(String user, String id, List<PurchaseItem> items, Instant time) {
        BigDecimal amount = items.stream().map(i -> i.getUnitPrice().multiply(BigDecimal.valueOf(i.getQuantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        send(Topics.PURCHASE_EVENTS, user, Codecs.PURCHASE.encode(PurchaseEvent.newBuilder().setEventId(id)
                .setUserId(user).setSessionId("s-1").setOrderId("o-" + id).setItems(items).setAmount(amount)
                .setCurrency("USD").setPaymentMethod(PaymentMethod.CREDIT_CARD).setIpAddress("203.0.113.7")
                .setCountry("US").setDeviceType(DeviceType.MOBILE).setEventTime(time).build()), time);
    }

    /** A stock report: {@code quantity} in {@code warehouse} now (a change of 1: a change of 0 is invalid). */
    void inventory(String product, String warehouse, int quantity, Instant time) {
        send(Topics.INVENTORY_EVENTS, product, Codecs.INVENTORY.encode(InventoryEvent.newBuilder()
                .setEventId(unique("e")).setProductId(product).setWarehouseId(warehouse)
                .setOperation(InventoryOperation.ADJUSTMENT).setQuantityChange(1).setCurrentQuantity(quantity)
                .setEventTime(time).build()), time);
    }

    synchronized void send(String topic, String key, byte[] value, Instant time) {
        if (producer == null) {
            producer = TestKafka.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all"));
        }
        producer.send(new ProducerRecord<>(topic, null, time.toEpochMilli(), key, value));
    }

    synchronized void flush() {
        if (producer != null) {
            producer.flush();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
