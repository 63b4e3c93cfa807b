package io.storepulse.processor.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.jboss.logging.Logger;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Locale;
import java.util.Map;

/**
 * One memory budget for every RocksDB store of the instance: their block caches, index and filter blocks and
 * memtables all count against a single cache of {@value #MEMORY_CONFIG} bytes, of which memtables may take
 * {@value #MEMTABLE_SHARE_CONFIG}. Without it each store (each partition, each segment of a window or session store,
 * each standby copy) gets its own 50 MB cache and up to 48 MB of memtables, and index and filter blocks grow with
 * the data outside any cache: the processor's resident memory grows with its state until the container's limit
 * kills it (docs/PERFORMANCE.md, "Soak").
 *
 * <p>Kafka Streams creates one instance per store, by reflection, and closes it with the store; the cache and the
 * write buffer manager are made once per process, from the first store's settings, and never closed. Set through
 * {@code storepulse.rocksdb.*} (application.properties passes them on to Kafka Streams).
 */
@RegisterForReflection
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Kafka Streams setting: the budget, in bytes or with a K, M or G suffix (powers of 1024). */
    public static final String MEMORY_CONFIG = "storepulse.rocksdb.memory";
    /** Kafka Streams setting: the share of the budget memtables may hold, above 0 and below 1. */
    public static final String MEMTABLE_SHARE_CONFIG = "storepulse.rocksdb.memtable-share";
    /** Index and filter blocks stay in the cache's high-priority pool, this share of it, evicted last. */
    private static final double HIGH_PRIORITY_SHARE = 0.1;

    private static final Logger LOG = Logger.getLogger(BoundedRocksDbMemory.class);

    private static Budget budget;

    /** A cache and a memtable limit charged to it, and the settings they were made from. */
    record Budget(long bytes, double memtableShare, Cache cache, WriteBufferManager writeBuffers) {

        static Budget of(long bytes, double memtableShare) {
            Cache cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_SHARE);
            return new Budget(bytes, memtableShare, cache, new WriteBufferManager((long) (bytes * memtableShare), cache));
        }

        /** Makes a store's blocks, index and filter blocks and memtables count against this budget. */
        void applyTo(Options options) {
            // Kafka Streams hands over its own block-based table config; keep its settings, replace its cache.
            BlockBasedTableConfig table = options.tableFormatConfig() instanceof BlockBasedTableConfig given
                    ? given : new BlockBasedTableConfig();
            table.setBlockCache(cache);
            table.setCacheIndexAndFilterBlocks(true);
            table.setCacheIndexAndFilterBlocksWithHighPriority(true);
            table.setPinTopLevelIndexAndFilter(true);
            options.setTableFormatConfig(table);
            options.setWriteBufferManager(writeBuffers);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        budget(configs).applyTo(options);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store of the process: nothing to free here.
    }

    /**
     * The budget, made on the first call. A later call with other settings (a dev-mode reload that changed them)
     * keeps the first, as RocksDB cannot resize what open stores share, and says so.
     */
    static synchronized Budget budget(Map<String, ?> configs) {
        long bytes = bytes(configs.get(MEMORY_CONFIG));
        double memtableShare = share(configs.get(MEMTABLE_SHARE_CONFIG));
        if (budget == null) {
            budget = Budget.of(bytes, memtableShare);
            LOG.infof("RocksDB memory: %d MiB for every store of this process, memtables up to %.0f %% of it",
                    bytes >> 20, memtableShare * 100);
        } else if (budget.bytes() != bytes || budget.memtableShare() != memtableShare) {
            LOG.warnf("RocksDB memory stays %d bytes with memtables up to %s of it until the process restarts; "
                    + "%s=%d and %s=%s apply from then", budget.bytes(), budget.memtableShare(), MEMORY_CONFIG, bytes,
                    MEMTABLE_SHARE_CONFIG, memtableShare);
        }
        return budget;
    }

    static long bytes(Object value) {
        String text = value == null ? "" : value.toString().trim().toUpperCase(Locale.ROOT);
        long unit = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = unit == 1 ? text : text.substring(0, text.length() - 1);
        try {
            long bytes = Math.multiplyExact(Long.parseLong(digits), unit);
            if (bytes >= 16L << 20) {
                return bytes;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // Refused below, with the value as given.
        }
        throw new ConfigException(MEMORY_CONFIG, value,
                "RocksDB's memory budget is a byte count, or a number with K, M or G, of at least 16M");
    }

    static double share(Object value) {
        try {
            double share = Double.parseDouble(String.valueOf(value));
            if (share > 0 && share < 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // Refused below, with the value as given.
        }
        throw new ConfigException(MEMTABLE_SHARE_CONFIG, value,
                "the memtables' share of RocksDB's memory is a number above 0 and below 1, such as 0.5");
    }
}
