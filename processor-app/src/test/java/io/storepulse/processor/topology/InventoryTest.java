package io.storepulse.processor.topology;

import io.storepulse.avro.DeviceType;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.avro.PaymentMethod;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.processor.inventory.ProductStock;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stock per product: the sum over warehouses of each one's newest current_quantity by event time, and purchases
 * joined with it.
 */
class InventoryTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-11-21T12:00:00.000Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> inventory;
    private TestInputTopic<String, byte[]> purchases;
    private int sequence;

    @BeforeEach
    void start() {
        driver = TopologyTestSettings.driver("inventory-test", WALL_CLOCK,
                (topic, route) -> { });
        inventory = TopologyTestSettings.input(driver, Topics.INVENTORY_EVENTS);
        purchases = TopologyTestSettings.input(driver, Topics.PURCHASE_EVENTS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void eachWarehousesNewestQuantityByEventTimeIsSummed() {
        event("p-7", "w-1", "10:00:00", 100);
        event("p-7", "w-2", "10:05:00", 50);
        assertThat(quantity("p-7")).isEqualTo(150);

        event("p-7", "w-1", "09:58:00", 7);     // older than w-1's 10:00 (on time: 7 min behind): ignored
        assertThat(quantity("p-7")).isEqualTo(150);

        event("p-7", "w-1", "10:06:00", 3);
        event("p-7", "w-2", "10:06:00", 6);
        assertThat(quantity("p-7")).isEqualTo(9);
        assertThat(stock("p-7").updatedAt()).isEqualTo(WALL_CLOCK.toEpochMilli());

        event("p-8", "w-1", "10:06:30", 12);
        assertThat(quantity("p-8")).isEqualTo(12);
        assertThat(quantity("p-7")).as("products are independent").isEqualTo(9);
    }

    @Test
    void aLateInventoryEventChangesNothing() {
        event("p-7", "w-1", "10:30:00", 40);
        event("p-7", "w-2", "10:19:59", 5);     // 10 min and 1 s behind the partition's stream time: late

        assertThat(quantity("p-7")).isEqualTo(40);
    }

    @Test
    void purchasesJoinedWithTheStockCountTheUnitsSoldAfterTheNewestReport() {
        event("p-7", "w-1", "10:00:00", 20);
        purchase("e-p1", "p-7", 3, "10:05:00");      // after the 10:00 report: sold since, 20 - 3 = 17 estimated
        purchase("e-p2", "p-7", 2, "09:58:00");      // on time, but before the report: already in it
        assertThat(stock("p-7").unitsSoldSinceReport()).isEqualTo(3);
        assertThat(stock("p-7").estimatedQuantity()).isEqualTo(17);

        purchase("e-p3", "p-7", 4, "10:08:00");
        event("p-7", "w-2", "10:07:00", 10);          // newest report now 10:07: covers the 10:05 sale, not 10:08
        assertThat(stock("p-7").unitsSoldSinceReport()).isEqualTo(4);
        assertThat(stock("p-7").estimatedQuantity()).isEqualTo(20 + 10 - 4);

        event("p-7", "w-1", "10:08:00", 16);          // a report as new as the 10:08 sale covers it
        assertThat(stock("p-7").unitsSoldSinceReport()).isZero();
        assertThat(stock("p-7").estimatedQuantity()).isEqualTo(26);
        assertThat(stock("p-7").quantity()).as("reports alone decide the quantity").isEqualTo(26);

        purchase("e-p4", "p-9", 1, "10:09:00");      // no report of p-9 yet: nothing to join
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(TopologyProducer.INVENTORY_STORE);
        assertThat(store.get("p-9")).isNull();
    }

    private long quantity(String product) {
        return stock(product).quantity();
    }

    private ProductStock stock(String product) {
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(TopologyProducer.INVENTORY_STORE);
        return ProductStock.fromBytes(store.get(product));
    }

    private void purchase(String id, String product, int quantity, String time) {
        Instant at = Instant.parse("2026-11-21T" + time + "Z");
        BigDecimal price = new BigDecimal("2.50");
        purchases.pipeInput("u-1", Codecs.PURCHASE.encode(PurchaseEvent.newBuilder().setEventId(id).setUserId("u-1")
                .setSessionId("s-1").setOrderId("o-" + id).setItems(List.of(new PurchaseItem(product, quantity, price)))
                .setAmount(price.multiply(BigDecimal.valueOf(quantity))).setCurrency("USD")
                .setPaymentMethod(PaymentMethod.CREDIT_CARD).setIpAddress("203.0.113.7").setCountry("US")
                .setDeviceType(DeviceType.MOBILE).setEventTime(at).build()), at);
    }

    private void event(String product, String warehouse, String time, int quantity) {
        Instant at = Instant.parse("2026-11-21T" + time + "Z");
        inventory.pipeInput(product, Codecs.INVENTORY.encode(InventoryEvent.newBuilder().setEventId("e-" + (++sequence))
                .setProductId(product).setWarehouseId(warehouse).setOperation(InventoryOperation.ADJUSTMENT)
                .setQuantityChange(1).setCurrentQuantity(quantity).setEventTime(at).build()), at);
    }
}
