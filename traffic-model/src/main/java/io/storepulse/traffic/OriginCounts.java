package io.storepulse.traffic;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** How many records of each origin were emitted. */
final class OriginCounts {

    private final long[] counts = new long[Origin.values().length];

    void add(Origin origin) {
        counts[origin.ordinal()]++;
    }

    long of(Origin origin) {
        return counts[origin.ordinal()];
    }

    Map<Origin, Long> snapshot() {
        Map<Origin, Long> snapshot = new EnumMap<>(Origin.class);
        for (Origin origin : Origin.values()) {
            snapshot.put(origin, counts[origin.ordinal()]);
        }
        return Collections.unmodifiableMap(snapshot);
    }
}
