package io.storepulse.traffic;

import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;
import io.storepulse.model.codec.Codecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryTest {

    private static final int RECORDS = 300_000;
    /** A small catalogue sells out often enough to see restocks within the run. */
    private static final int PRODUCTS = 50;

    private static final Map<String, List<InventoryEvent>> byProductAndWarehouse = new HashMap<>();
    private static final Map<String, Integer> soldUnits = new HashMap<>();
    private static final List<PurchaseEvent> purchases = new ArrayList<>();
    private static long endOfRun;

    @BeforeAll
    static void generate() {
        TrafficGenerator generator = new TrafficGenerator(TrafficConfig.defaults().withSeed(5).withProducts(PRODUCTS).withFraudRatio(0.02));
        Set<String> eventIds = new HashSet<>();
        for (int i = 0; i < RECORDS; i++) {
            GeneratedRecord record = generator.next();
            if (record.event() instanceof InventoryEvent ignored) {
                InventoryEvent inventory = Codecs.INVENTORY.decode(record.value());
                if (eventIds.add(inventory.getEventId())) {
                    byProductAndWarehouse.computeIfAbsent(inventory.getProductId() + "@" + inventory.getWarehouseId(),
                            k -> new ArrayList<>()).add(inventory);
                    if (inventory.getOperation() == InventoryOperation.SALE) {
                        soldUnits.merge(inventory.getProductId() + "@" + inventory.getEventTime().toEpochMilli(),
                                -inventory.getQuantityChange(), Integer::sum);
                    }
                }
            } else if (record.event() instanceof PurchaseEvent purchase && record.origin() != Origin.DUPLICATE) {
                purchases.add(purchase);
            }
            endOfRun = generator.virtualTimeMillis();
        }
    }

    @Test
    void stockNeverGoesNegativeAndEveryMovementAddsUp() {
        assertThat(byProductAndWarehouse).hasSizeGreaterThan(PRODUCTS);
        byProductAndWarehouse.forEach((slot, movements) -> {
            for (int i = 0; i < movements.size(); i++) {
                InventoryEvent movement = movements.get(i);
                assertThat(movement.getCurrentQuantity()).as(slot).isNotNegative();
                if (i > 0) {
                    assertThat(movements.get(i - 1).getCurrentQuantity() + movement.getQuantityChange())
                            .as(slot + " movement " + i).isEqualTo(movement.getCurrentQuantity());
                    assertThat(movement.getEventTime()).isAfterOrEqualTo(movements.get(i - 1).getEventTime());
                }
            }
        });
    }

    @Test
    void salesTakeStockAndRestocksAddIt() {
        List<InventoryEvent> all = byProductAndWarehouse.values().stream().flatMap(List::stream).toList();
        assertThat(all).extracting(InventoryEvent::getOperation)
                .contains(InventoryOperation.SALE, InventoryOperation.RESTOCK);
        assertThat(all).allSatisfy(movement -> {
            if (movement.getOperation() == InventoryOperation.SALE) {
                assertThat(movement.getQuantityChange()).isNegative();
            } else {
                assertThat(movement.getQuantityChange()).isPositive();
            }
        });
    }

    @Test
    void everyPurchasedItemIsSoldFromAWarehouseAtThePurchaseTime() {
        Map<String, Integer> bought = new HashMap<>();
        for (PurchaseEvent purchase : purchases) {
            if (purchase.getEventTime().toEpochMilli() < endOfRun - 10_000) {
                for (PurchaseItem item : purchase.getItems()) {
                    bought.merge(item.getProductId() + "@" + purchase.getEventTime().toEpochMilli(),
                            item.getQuantity(), Integer::sum);
                }
            }
        }
        assertThat(bought).hasSizeGreaterThan(500);
        bought.forEach((productAtTime, units) ->
                assertThat(soldUnits.get(productAtTime)).as(productAtTime).isEqualTo(units));
    }
}
