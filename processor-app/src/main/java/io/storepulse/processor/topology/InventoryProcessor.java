package io.storepulse.processor.topology;

import io.storepulse.avro.InventoryEvent;
import io.storepulse.model.validation.ValidatedEvent;
import io.storepulse.processor.inventory.ProductStock;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps each product's stock (the inventory table) from on-time inventory events. */
final class InventoryProcessor implements Processor<String, Object, Void, Void> {

    private final String storeName;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    InventoryProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Object> record) {
        ValidatedEvent event = (ValidatedEvent) record.value();
        InventoryEvent inventory = (InventoryEvent) event.record();
        byte[] stored = store.get(event.key());
        ProductStock stock = stored == null ? new ProductStock() : ProductStock.fromBytes(stored);
        if (stock.apply(inventory.getWarehouseId(), event.eventTimeMillis(), inventory.getCurrentQuantity(),
                context.currentSystemTimeMs())) {
            store.put(event.key(), stock.toBytes());
        }
    }
}
