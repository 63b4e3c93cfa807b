package io.storepulse.processor.store;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HashKeyValueStoreTest {

    private final MockProcessorContext<Object, Object> processor = new MockProcessorContext<>();
    private final RecordingContext context = new RecordingContext(processor.getStateStoreContext());
    private final HashKeyValueStore store = new HashKeyValueStore("user-state");

    @Test
    void readsAndWritesByKey() {
        store.init(context, store);
        store.put(key("u-1"), value("a"));
        store.put(key("u-2"), value("b"));
        store.put(key("u-1"), value("c"));

        assertThat(store.get(key("u-1"))).isEqualTo(value("c"));
        assertThat(store.putIfAbsent(key("u-2"), value("x"))).isEqualTo(value("b"));
        assertThat(store.get(key("u-2"))).isEqualTo(value("b"));
        assertThat(store.putIfAbsent(key("u-3"), value("d"))).isNull();
        assertThat(store.delete(key("u-1"))).isEqualTo(value("c"));
        assertThat(store.get(key("u-1"))).isNull();
        store.putAll(List.of(KeyValue.pair(key("u-4"), value("e")), KeyValue.pair(key("u-2"), null)));
        assertThat(store.get(key("u-2"))).isNull();
        assertThat(store.approximateNumEntries()).isEqualTo(2);   // u-3, u-4
        assertThat(store.persistent()).isFalse();
    }

    @Test
    void scansComeInKeyOrderAndSkipKeysDeletedAfterTheScanBegan() {
        store.init(context, store);
        for (String k : List.of("u-3", "u-1", "u-4", "u-2")) {
            store.put(key(k), value(k));
        }

        assertThat(keys(store.all())).containsExactly("u-1", "u-2", "u-3", "u-4");
        assertThat(keys(store.reverseAll())).containsExactly("u-4", "u-3", "u-2", "u-1");
        assertThat(keys(store.range(key("u-2"), key("u-3")))).containsExactly("u-2", "u-3");
        assertThat(keys(store.reverseRange(key("u-2"), key("u-3")))).containsExactly("u-3", "u-2");
        try (KeyValueIterator<Bytes, byte[]> scan = store.all()) {
            assertThat(scan.peekNextKey()).isEqualTo(key("u-1"));
            store.delete(key("u-2"));
            assertThat(keys(scan)).containsExactly("u-1", "u-3", "u-4");
        }
    }

    @Test
    void restoresFromItsChangelogWhereATombstoneDeletes() {
        store.init(context, store);
        assertThat(context.registered).isSameAs(store);

        context.callback.restore(bytes("u-1"), bytes("old"));
        context.callback.restore(bytes("u-2"), bytes("b"));
        context.callback.restore(bytes("u-1"), bytes("new"));
        context.callback.restore(bytes("u-2"), null);

        assertThat(store.get(key("u-1"))).isEqualTo(value("new"));
        assertThat(store.get(key("u-2"))).isNull();
        assertThat(store.approximateNumEntries()).isEqualTo(1);
    }

    @Test
    void itsPositionIsTheInputOffsetOfTheLatestWrite() {
        store.init(context, store);
        processor.setRecordMetadata("click-events", 2, 41);
        store.put(key("u-1"), value("a"));
        processor.setRecordMetadata("click-events", 2, 42);
        store.delete(key("u-1"));

        assertThat(store.getPosition().getPartitionPositions("click-events")).isEqualTo(Map.of(2, 42L));
    }

    @Test
    void closingEmptiesIt() {
        store.init(context, store);
        store.put(key("u-1"), value("a"));
        store.close();

        assertThat(store.isOpen()).isFalse();
        assertThat(store.approximateNumEntries()).isZero();
    }

    private static List<String> keys(KeyValueIterator<Bytes, byte[]> iterator) {
        List<String> keys = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> keys.add(new String(entry.key.get(), StandardCharsets.UTF_8)));
        }
        return keys;
    }

    private static Bytes key(String key) {
        return Bytes.wrap(bytes(key));
    }

    private static byte[] value(String value) {
        return bytes(value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The mock's store context, keeping the restore callback it is given (the mock's own drops it). */
    private static final class RecordingContext implements StateStoreContext {
        private final StateStoreContext delegate;
        private StateStore registered;
        private StateRestoreCallback callback;

        RecordingContext(StateStoreContext delegate) {
            this.delegate = delegate;
        }

        @Override
        public void register(StateStore store, StateRestoreCallback callback) {
            this.registered = store;
            this.callback = callback;
        }

        @Override
        public void register(StateStore store, StateRestoreCallback callback, CommitCallback checkpoint) {
            register(store, callback);
        }

        @Override
        public String applicationId() {
            return delegate.applicationId();
        }

        @Override
        public TaskId taskId() {
            return delegate.taskId();
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return delegate.recordMetadata();
        }

        @Override
        public Serde<?> keySerde() {
            return delegate.keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return delegate.valueSerde();
        }

        @Override
        public File stateDir() {
            return delegate.stateDir();
        }

        @Override
        public StreamsMetrics metrics() {
            return delegate.metrics();
        }

        @Override
        public Map<String, Object> appConfigs() {
            return delegate.appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return delegate.appConfigsWithPrefix(prefix);
        }
    }
}
