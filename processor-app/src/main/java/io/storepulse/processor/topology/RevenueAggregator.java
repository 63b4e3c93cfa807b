package io.storepulse.processor.topology;

import io.storepulse.processor.revenue.RevenueContribution;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;


/**
 * Revenue per product and event-time hour in a window store, updated and emitted on every contribution. Whether
 * an event counts was decided on its input partition; this stage applies no grace of its own (the repartition
 * topic's stream time is a mix of upstream tasks). Hours older than the store's retention are gone.
 */
final class RevenueAggregator implements Processor<String, byte[], String, Object> {

    private final String storeName;
    private final String sink;
    private ProcessorContext<String, Object> context;
    private WindowStore<String, byte[]> store;

    RevenueAggregator(String storeName, String sink) {
        this.storeName = storeName;
        this.sink = sink;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RevenueContribution contribution = RevenueContribution.fromBytes(record.value());
        byte[] stored = store.fetch(record.key(), contribution.windowStart());
        RevenueContribution total = stored == null ? contribution : RevenueContribution.fromBytes(stored).plus(contribution);
        store.put(record.key(), total.toBytes(), contribution.windowStart());
        context.forward(new Record<String, Object>(record.key(), total.toRevenue(record.key()), record.timestamp()), sink);
    }
}
