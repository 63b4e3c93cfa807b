package io.storepulse.processor.inventory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One product's stock (CONTRACT section 8): per warehouse, the current_quantity of the newest event by event time;
 * the product's quantity is their sum. An older event arriving late never overwrites a newer one; of two events
 * with the same event time, the one processed last wins.
 */
public final class ProductStock {

    private final List<Warehouse> warehouses;
    private long updatedAt;

    private record Warehouse(String id, long eventTime, int quantity) {
    }

    public ProductStock() {
        this(new ArrayList<>(4), 0);
    }

    private ProductStock(List<Warehouse> warehouses, long updatedAt) {
        this.warehouses = warehouses;
        this.updatedAt = updatedAt;
    }

    /** Applies one inventory event; false when a newer event of that warehouse already set its quantity. */
    public boolean apply(String warehouseId, long eventTime, int currentQuantity, long now) {
        for (int i = 0; i < warehouses.size(); i++) {
            Warehouse warehouse = warehouses.get(i);
            if (warehouse.id().equals(warehouseId)) {
                if (eventTime < warehouse.eventTime()) {
                    return false;
                }
                warehouses.set(i, new Warehouse(warehouseId, eventTime, currentQuantity));
                updatedAt = now;
                return true;
            }
        }
        warehouses.add(new Warehouse(warehouseId, eventTime, currentQuantity));
        updatedAt = now;
        return true;
    }

    public long quantity() {
        long total = 0;
        for (Warehouse warehouse : warehouses) {
            total += warehouse.quantity();
        }
        return total;
    }

    /** When the quantity last changed, on the processor's clock. */
    public long updatedAt() {
        return updatedAt;
    }

    public byte[] toBytes() {
        int size = 8 + 4;
        List<byte[]> ids = new ArrayList<>(warehouses.size());
        for (Warehouse warehouse : warehouses) {
            byte[] id = warehouse.id().getBytes(StandardCharsets.UTF_8);
            ids.add(id);
            size += 2 + id.length + 8 + 4;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).putLong(updatedAt).putInt(warehouses.size());
        for (int i = 0; i < warehouses.size(); i++) {
            buffer.putShort((short) ids.get(i).length).put(ids.get(i))
                    .putLong(warehouses.get(i).eventTime()).putInt(warehouses.get(i).quantity());
        }
        return buffer.array();
    }

    public static ProductStock fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long updatedAt = buffer.getLong();
        int count = buffer.getInt();
        List<Warehouse> warehouses = new ArrayList<>(Math.max(4, count));
        for (int i = 0; i < count; i++) {
            byte[] id = new byte[buffer.getShort()];
            buffer.get(id);
            warehouses.add(new Warehouse(new String(id, StandardCharsets.UTF_8), buffer.getLong(), buffer.getInt()));
        }
        return new ProductStock(warehouses, updatedAt);
    }
}
