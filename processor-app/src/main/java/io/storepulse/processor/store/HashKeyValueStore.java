package io.storepulse.processor.store;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * An in-memory key-value store on a hash map: a point read or write costs one hash and one comparison whatever the
 * number of keys, where Kafka Streams' own in-memory store walks a sorted tree (about 18 key comparisons at 200,000
 * users). It suits a store read and written once per event by key and scanned only rarely; a scan sorts a snapshot
 * of the keys first, so scans still come in key order, at a cost that grows with the store.
 *
 * <p>Like Kafka Streams' in-memory store it is not persistent: Kafka Streams restores it from its changelog on every
 * start through the callback registered in {@link #init}. Reads from other threads (interactive queries through
 * Kafka Streams' read-only store view, which the processor's queries use) see each key's latest value; a scan sees
 * the keys present when it began. It keeps its input position as Kafka Streams' stores do, but answers no
 * {@code query(...)} of the typed query API: every such query comes back as an unknown query type.
 */
public final class HashKeyValueStore implements KeyValueStore<Bytes, byte[]> {

    private final String name;
    private final ConcurrentHashMap<Bytes, byte[]> map = new ConcurrentHashMap<>();
    private final Position position = Position.emptyPosition();
    private StateStoreContext context;
    private volatile boolean open;

    public HashKeyValueStore(String name) {
        this.name = name;
    }

    /** Supplies one such store per task, for {@code Stores.keyValueStoreBuilder}. */
    public static KeyValueBytesStoreSupplier supplier(String name) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new HashKeyValueStore(name);
            }

            @Override
            public String metricsScope() {
                return "in-memory-hash";
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext stateStoreContext, StateStore root) {
        this.context = stateStoreContext;
        if (root != null) {
            stateStoreContext.register(root, (StateRestoreCallback) (key, value) -> write(Bytes.wrap(key), value));
        }
        open = true;
    }

    @Override
    public byte[] get(Bytes key) {
        return map.get(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        write(key, value);
        advancePosition();
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] previous = map.get(key);
        if (previous == null) {
            put(key, value);
        }
        return previous;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        for (KeyValue<Bytes, byte[]> entry : entries) {
            write(entry.key, entry.value);
        }
        advancePosition();
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] previous = map.remove(key);
        advancePosition();
        return previous;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return scan(inRange(from, to), false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return scan(inRange(from, to), true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return scan(key -> true, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return scan(key -> true, true);
    }

    @Override
    public long approximateNumEntries() {
        return map.size();
    }

    @Override
    public void flush() {
        // Nothing to write: the changelog is the durable copy.
    }

    @Override
    public void close() {
        map.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Position getPosition() {
        return position;
    }

    /** A null value deletes, as a changelog tombstone does. */
    private void write(Bytes key, byte[] value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    /**
     * The input offset this write belongs to, as Kafka Streams' own stores record it for consistent queries; a write
     * from a punctuation belongs to no input record.
     */
    private void advancePosition() {
        if (context != null) {
            context.recordMetadata().filter(m -> m.topic() != null)
                    .ifPresent(m -> position.withComponent(m.topic(), m.partition(), m.offset()));
        }
    }

    /** Keys from {@code from} to {@code to}, both included; a null bound is open. */
    private static Predicate<Bytes> inRange(Bytes from, Bytes to) {
        return key -> (from == null || key.compareTo(from) >= 0) && (to == null || key.compareTo(to) <= 0);
    }

    private KeyValueIterator<Bytes, byte[]> scan(Predicate<Bytes> wanted, boolean reverse) {
        List<Bytes> keys = new ArrayList<>();
        for (Bytes key : map.keySet()) {
            if (wanted.test(key)) {
                keys.add(key);
            }
        }
        keys.sort(reverse ? Collections.reverseOrder() : Comparator.naturalOrder());
        return new SnapshotIterator(keys.iterator());
    }

    /** Walks a sorted snapshot of keys, skipping those deleted since, and reads each value as it gets there. */
    private final class SnapshotIterator implements KeyValueIterator<Bytes, byte[]> {
        private final Iterator<Bytes> keys;
        private KeyValue<Bytes, byte[]> next;

        SnapshotIterator(Iterator<Bytes> keys) {
            this.keys = keys;
        }

        @Override
        public boolean hasNext() {
            while (next == null && keys.hasNext()) {
                Bytes key = keys.next();
                byte[] value = map.get(key);
                if (value != null) {
                    next = KeyValue.pair(key, value);
                }
            }
            return next != null;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            KeyValue<Bytes, byte[]> current = next;
            next = null;
            return current;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return next.key;
        }

        @Override
        public void close() {
            // A snapshot holds nothing open.
        }
    }
}
