package io.storepulse.processor.topology;

import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.processor.inventory.ProductStock;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Stock per product: the sum over warehouses of each one's newest current_quantity by event time. */
class InventoryTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-11-21T12:00:00.000Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> inventory;
    private int sequence;

    @BeforeEach
    void start() {
        driver = TopologyTestSettings.driver("inventory-test", WALL_CLOCK,
                (topic, route) -> { });
        inventory = driver.createInputTopic(Topics.INVENTORY_EVENTS, new StringSerializer(), new ByteArraySerializer());
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

    private long quantity(String product) {
        return stock(product).quantity();
    }

    private ProductStock stock(String product) {
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(TopologyProducer.INVENTORY_STORE);
        return ProductStock.fromBytes(store.get(product));
    }

    private void event(String product, String warehouse, String time, int quantity) {
        Instant at = Instant.parse("2026-11-21T" + time + "Z");
        inventory.pipeInput(product, Codecs.INVENTORY.encode(InventoryEvent.newBuilder().setEventId("e-" + (++sequence))
                .setProductId(product).setWarehouseId(warehouse).setOperation(InventoryOperation.ADJUSTMENT)
                .setQuantityChange(1).setCurrentQuantity(quantity).setEventTime(at).build()), at);
    }
}
