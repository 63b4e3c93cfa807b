package io.storepulse.processor.topology;

import io.storepulse.processor.revenue.RevenueContribution;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;


/**
 * Revenue per product and event-time hour, updated and emitted on every contribution. Drops nothing: whether an
 * event counts was decided on its input partition, and the repartition topic's own stream time (a mix of upstream
 * tasks) must not overrule that.
 */
final class RevenueAggregator implements Processor<String, byte[], String, Object> {

    private final String storeName;
    private final String sink;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<Bytes, byte[]> store;

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
        Bytes key = StoreKeys.of(record.key(), contribution.windowStart());
        byte[] stored = store.get(key);
        RevenueContribution total = stored == null ? contribution : RevenueContribution.fromBytes(stored).plus(contribution);
        store.put(key, total.toBytes());
        context.forward(new Record<String, Object>(record.key(), total.toRevenue(record.key()), record.timestamp()), sink);
    }


}
