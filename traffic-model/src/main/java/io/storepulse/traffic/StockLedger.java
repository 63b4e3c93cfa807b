package io.storepulse.traffic;

import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.InventoryOperation;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.PurchaseItem;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Stock of every product in every warehouse. Each sold item becomes a SALE from a warehouse that has enough;
 * a warehouse running low is restocked right away, and if no warehouse could cover an order line one is
 * restocked first, so stock never goes negative.
 */
final class StockLedger {

    static final int MIN_INITIAL_STOCK = 50;
    static final int MAX_INITIAL_STOCK = 500;
    /** Reordering below 20 units keeps most products clear of the contract's low_stock mark of 10. */
    static final int REORDER_BELOW = 20;
    static final int MIN_REORDER = 100;
    static final int MAX_REORDER = 400;

    private final Catalogue catalogue;
    private final EventFactory events;
    private final SplittableRandom random;
    private final int warehouses;
    private final int[] stock;

    StockLedger(Catalogue catalogue, EventFactory events, SplittableRandom random) {
        this.catalogue = catalogue;
        this.events = events;
        this.random = random;
        this.warehouses = catalogue.warehouses();
        this.stock = new int[catalogue.size() * warehouses];
        for (int i = 0; i < stock.length; i++) {
            stock[i] = MIN_INITIAL_STOCK + random.nextInt(MAX_INITIAL_STOCK - MIN_INITIAL_STOCK + 1);
        }
    }

    /** Books every line of the purchase, handing out the stock movements in the order they happen. */
    void book(PurchaseEvent purchase, Consumer<InventoryEvent> movements) {
        long time = purchase.getEventTime().toEpochMilli();
        for (PurchaseItem item : purchase.getItems()) {
            sell(catalogue.indexOf(item.getProductId()), item.getQuantity(), time, movements);
        }
    }

    int stockOf(int product, int warehouse) {
        return stock[product * warehouses + warehouse];
    }

    private void sell(int product, int quantity, long time, Consumer<InventoryEvent> movements) {
        int first = random.nextInt(warehouses);
        int warehouse = first;
        for (int i = 0; i < warehouses; i++) {
            int candidate = (first + i) % warehouses;
            if (stockOf(product, candidate) >= quantity) {
                warehouse = candidate;
                break;
            }
        }
        int slot = product * warehouses + warehouse;
        if (stock[slot] < quantity) {
            restock(product, warehouse, quantity - stock[slot] + reorderQuantity(), time, movements);
        }
        stock[slot] -= quantity;
        movements.accept(events.inventory(catalogue.id(product), catalogue.warehouseId(warehouse),
                InventoryOperation.SALE, -quantity, stock[slot], time));
        if (stock[slot] < REORDER_BELOW) {
            restock(product, warehouse, reorderQuantity(), time, movements);
        }
    }

    private void restock(int product, int warehouse, int quantity, long time, Consumer<InventoryEvent> movements) {
        int slot = product * warehouses + warehouse;
        stock[slot] += quantity;
        movements.accept(events.inventory(catalogue.id(product), catalogue.warehouseId(warehouse),
                InventoryOperation.RESTOCK, quantity, stock[slot], time));
    }

    private int reorderQuantity() {
        return MIN_REORDER + random.nextInt(MAX_REORDER - MIN_REORDER + 1);
    }
}
