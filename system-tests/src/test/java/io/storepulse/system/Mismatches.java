package io.storepulse.system;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Differences between expected and actual values, collected so that one failure lists the first of them all. */
final class Mismatches {

    private static final int SHOWN = 25;

    private final List<String> shown = new ArrayList<>();
    private int count;

    /** Compares the two maps key by key, missing keys included; returns how many keys were compared. */
    <K, V> int compare(String what, Map<K, V> expected, Map<K, V> actual) {
        Set<K> keys = new LinkedHashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (K key : keys) {
            check(what + " " + key, expected.get(key), actual.get(key));
        }
        return keys.size();
    }

    void check(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            count++;
            if (shown.size() < SHOWN) {
                shown.add(what + ": expected " + expected + ", actual " + actual);
            }
        }
    }

    void assertNone() {
        if (count > 0) {
            throw new AssertionError(count + " differences between the committed outputs and the oracle; the first "
                    + shown.size() + ":\n  " + String.join("\n  ", shown));
        }
    }
}
