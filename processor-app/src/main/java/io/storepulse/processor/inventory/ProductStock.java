package io.storepulse.processor.inventory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One product's stock (CONTRACT section 8): per warehouse, the current_quantity of the newest event by event time;
 * the product's quantity is their sum. An older event arriving late never overwrites a newer one; of two events
 * with the same event time, the one processed last wins.
 *
 * <p>Purchases joined with the stock add what the reports cannot know yet: the units sold after the newest report
 * (by event time), and the quantity estimated from them. A report drops the sales it is as new as, so the result
 * does not depend on whether a sale or a report is processed first.
 */
public final class ProductStock {

    private final List<Warehouse> warehouses;
    private final List<Sale> salesSinceReport;
    private long updatedAt;

    private record Warehouse(String id, long eventTime, int quantity) {
    }

    private record Sale(long eventTime, long units) {
    }

    public ProductStock() {
        this(new ArrayList<>(4), new ArrayList<>(0), 0);
    }

    private ProductStock(List<Warehouse> warehouses, List<Sale> salesSinceReport, long updatedAt) {
        this.warehouses = warehouses;
        this.salesSinceReport = salesSinceReport;
        this.updatedAt = updatedAt;
    }

    /** Joins one purchase of the product; false when the newest report already covers its time. */
    public boolean recordSale(long eventTime, long units) {
        if (eventTime <= newestReport()) {
            return false;
        }
        salesSinceReport.add(new Sale(eventTime, units));
        return true;
    }

    /** Units sold after the newest report, by event time. */
    public long unitsSoldSinceReport() {
        long units = 0;
        for (Sale sale : salesSinceReport) {
            units += sale.units();
        }
        return units;
    }

    /** The reported quantity minus what was sold since; negative when more was sold than reported. */
    public long estimatedQuantity() {
        return quantity() - unitsSoldSinceReport();
    }

    private long newestReport() {
        long newest = Long.MIN_VALUE;
        for (Warehouse warehouse : warehouses) {
            newest = Math.max(newest, warehouse.eventTime());
        }
        return newest;
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
                return reported(now);
            }
        }
        warehouses.add(new Warehouse(warehouseId, eventTime, currentQuantity));
        return reported(now);
    }

    private boolean reported(long now) {
        updatedAt = now;
        long newest = newestReport();
        salesSinceReport.removeIf(sale -> sale.eventTime() <= newest);
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
        int size = 8 + 4 + 4 + salesSinceReport.size() * 16;
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
        buffer.putInt(salesSinceReport.size());
        for (Sale sale : salesSinceReport) {
            buffer.putLong(sale.eventTime()).putLong(sale.units());
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
        int sales = buffer.getInt();
        List<Sale> salesSinceReport = new ArrayList<>(sales);
        for (int i = 0; i < sales; i++) {
            salesSinceReport.add(new Sale(buffer.getLong(), buffer.getLong()));
        }
        return new ProductStock(warehouses, salesSinceReport, updatedAt);
    }
}
