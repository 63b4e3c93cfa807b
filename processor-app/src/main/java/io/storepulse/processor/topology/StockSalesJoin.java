package io.storepulse.processor.topology;

import io.storepulse.processor.inventory.ProductStock;
import io.storepulse.processor.revenue.RevenueContribution;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Purchases joined with the inventory table: each purchased product (re-keyed by product, co-partitioned with
 * inventory events) is looked up in the product's stock, and the units it sold after the newest report are kept
 * there, so a stock query shows the estimated quantity too. A product with no report yet has no stock to join
 * (inner join). The record timestamp is the purchase's event time.
 */
final class StockSalesJoin implements Processor<String, byte[], Void, Void> {

    private final String storeName;
    private KeyValueStore<String, byte[]> stock;

    StockSalesJoin(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.stock = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        byte[] stored = stock.get(record.key());
        if (stored == null) {
            return;
        }
        ProductStock product = ProductStock.fromBytes(stored);
        if (product.recordSale(record.timestamp(), RevenueContribution.fromBytes(record.value()).units())) {
            stock.put(record.key(), product.toBytes());
        }
    }
}
