package io.storepulse.processor.store;

import io.storepulse.processor.store.BoundedRocksDbMemory.Budget;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedRocksDbMemoryTest {

    private static final long MIB = 1 << 20;

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void everyStoreOfTheProcessSharesOneBudget() {
        Map<String, Object> configs = Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, "64M",
                BoundedRocksDbMemory.MEMTABLE_SHARE_CONFIG, "0.5");
        BoundedRocksDbMemory first = new BoundedRocksDbMemory();
        BoundedRocksDbMemory second = new BoundedRocksDbMemory();
        try (Options a = new Options(); Options b = new Options()) {
            a.setTableFormatConfig(new BlockBasedTableConfig().setBlockSize(8192)); // as Kafka Streams hands it over
            first.setConfig("user-state", a, configs);
            second.setConfig("product-revenue.1700000000000", b, configs);

            assertThat(a.writeBufferManager()).isNotNull().isSameAs(b.writeBufferManager());
            BlockBasedTableConfig table = (BlockBasedTableConfig) a.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            assertThat(table.blockSize()).as("the settings handed over are kept").isEqualTo(8192);
            assertThat(((BlockBasedTableConfig) b.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
        }
        // Other settings later in the same process (a dev-mode reload) keep the first budget rather than fail.
        assertThat(BoundedRocksDbMemory.budget(Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, "128M",
                BoundedRocksDbMemory.MEMTABLE_SHARE_CONFIG, "0.25")))
                .isSameAs(BoundedRocksDbMemory.budget(configs));
    }

    /**
     * Two stores writing 48 MiB each: with RocksDB's own 64 MiB write buffer all of it would stay in their memtables;
     * under a 16 MiB budget with half for memtables, both together stay within twice that, the cache near 16 MiB.
     */
    @Test
    void twoStoresWritingFarMoreThanTheBudgetStayWithinIt(@TempDir Path dir) throws Exception {
        Budget budget = Budget.of(16 * MIB, 0.5);
        Random random = new Random(7);
        byte[] value = new byte[1024];
        try (Options options = new Options().setCreateIfMissing(true); WriteOptions write = new WriteOptions()) {
            budget.applyTo(options);
            try (RocksDB a = RocksDB.open(options, dir.resolve("a").toString());
                 RocksDB b = RocksDB.open(options, dir.resolve("b").toString())) {
                long highest = 0;
                for (int i = 0; i < 48 * 1024; i++) {
                    random.nextBytes(value);
                    byte[] key = ByteBuffer.allocate(8).putLong(i).array();
                    a.put(write, key, value);
                    b.put(write, key, value);
                    if (i % 1024 == 0) {
                        highest = Math.max(highest, memtables(a) + memtables(b));
                    }
                }
                // The write buffer manager flushes once the memtables pass their limit, so they overshoot it by
                // what was allocated meanwhile; without it they would hold all 96 MiB.
                assertThat(highest).as("memtable bytes of both stores at most").isLessThanOrEqualTo(16 * MIB)
                        .isPositive();
                assertThat(budget.cache().getUsage()).as("cache usage").isLessThanOrEqualTo(20 * MIB);
            }
        }
    }

    @Test
    void theBudgetIsAByteCountOrANumberWithASuffixOfAtLeast16M() {
        assertThat(BoundedRocksDbMemory.bytes("256M")).isEqualTo(256 * MIB);
        assertThat(BoundedRocksDbMemory.bytes(" 1g ")).isEqualTo(1024 * MIB);
        assertThat(BoundedRocksDbMemory.bytes("16384K")).isEqualTo(16 * MIB);
        assertThat(BoundedRocksDbMemory.bytes(Long.toString(32 * MIB))).isEqualTo(32 * MIB);
        for (String wrong : new String[] {"", "abc", "15M", "-1G", "1T", "99999999999G"}) {
            assertThatThrownBy(() -> BoundedRocksDbMemory.bytes(wrong)).as(wrong)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(BoundedRocksDbMemory.MEMORY_CONFIG).hasMessageContaining("at least 16M");
        }
        assertThatThrownBy(() -> BoundedRocksDbMemory.bytes(null)).isInstanceOf(ConfigException.class);
    }

    @Test
    void theMemtableShareIsAboveZeroAndBelowOne() {
        assertThat(BoundedRocksDbMemory.share("0.5")).isEqualTo(0.5);
        for (String wrong : new String[] {"0", "1", "-0.1", "half"}) {
            assertThatThrownBy(() -> BoundedRocksDbMemory.share(wrong)).as(wrong)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(BoundedRocksDbMemory.MEMTABLE_SHARE_CONFIG);
        }
    }

    private static long memtables(RocksDB db) throws Exception {
        return db.getLongProperty("rocksdb.cur-size-all-mem-tables");
    }
}
