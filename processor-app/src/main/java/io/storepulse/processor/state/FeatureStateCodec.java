package io.storepulse.processor.state;

import io.storepulse.processor.features.SortedTimes;
import io.storepulse.processor.features.UserFeatureState;

import java.util.HashMap;
import java.util.Map;

/** The feature state's part of a user's state: click, add-to-cart and purchase times, amounts, devices, countries. */
final class FeatureStateCodec {

    private FeatureStateCodec() {
    }

    static void write(StateWriter out, UserFeatureState features) {
        writeTimes(out, features.clicks());
        writeTimes(out, features.addToCarts());
        SortedTimes purchaseTimes = features.purchaseTimes();
        writeTimes(out, purchaseTimes);
        for (int i = 0; i < purchaseTimes.size(); i++) {
            out.signed(features.purchaseCents(i));
        }
        writeLatest(out, features.devices());
        writeLatest(out, features.countries());
        out.time(features.lastEventTime());
    }

    static UserFeatureState read(StateReader in) {
        SortedTimes clicks = readTimes(in);
        SortedTimes addToCarts = readTimes(in);
        SortedTimes purchaseTimes = readTimes(in);
        long[] cents = new long[Math.max(8, purchaseTimes.size())];
        for (int i = 0; i < purchaseTimes.size(); i++) {
            cents[i] = in.signed();
        }
        return new UserFeatureState(clicks, addToCarts, purchaseTimes, cents, readLatest(in), readLatest(in), in.time());
    }

    private static void writeTimes(StateWriter out, SortedTimes times) {
        out.count(times.size());
        for (int i = 0; i < times.size(); i++) {
            out.time(times.get(i));
        }
    }

    private static SortedTimes readTimes(StateReader in) {
        int size = in.count();
        long[] times = new long[Math.max(8, size)];
        for (int i = 0; i < size; i++) {
            times[i] = in.time();
        }
        return new SortedTimes(times, size);
    }

    private static void writeLatest(StateWriter out, Map<String, Long> latest) {
        out.count(latest.size());
        for (Map.Entry<String, Long> entry : latest.entrySet()) {
            out.text(entry.getKey());
            out.time(entry.getValue());
        }
    }

    private static Map<String, Long> readLatest(StateReader in) {
        int size = in.count();
        Map<String, Long> latest = new HashMap<>(Math.max(4, size * 2));
        for (int i = 0; i < size; i++) {
            latest.put(in.text(), in.time());
        }
        return latest;
    }
}
