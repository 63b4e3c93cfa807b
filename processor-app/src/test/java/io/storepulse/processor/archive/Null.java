package io.storepulse.processor.archive;

import java.util.HashMap;
import java.util.Map;

/** An expected row: column names and values in turn, where a value may be null (Map.of cannot hold one). */
final class Null {

    private Null() {
    }

    static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }
}
