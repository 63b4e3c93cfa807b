package io.storepulse.processor.config;

import io.storepulse.processor.store.HashKeyValueStore;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * Where a key-value store keeps its data between events. Both are backed by a changelog topic, so either survives
 * the loss of its instance; they differ in what a restart costs and in what the data may grow to.
 */
public enum StoreKind {
    /** In the heap, in a hash map: no native call, disk or tree walk per read and write; every start restores it. */
    MEMORY,
    /** RocksDB on local disk: holds more than the heap; a clean restart keeps it, an unclean one restores it. */
    ROCKSDB;

    public KeyValueBytesStoreSupplier keyValueStore(String name) {
        return this == MEMORY ? HashKeyValueStore.supplier(name) : Stores.persistentKeyValueStore(name);
    }
}
