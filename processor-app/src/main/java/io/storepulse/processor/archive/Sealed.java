package io.storepulse.processor.archive;

import java.util.List;

/** A finished roll: its plan and its complete objects, ready to be committed and uploaded. */
record Sealed(ArchivedTopic topic, int partition, RollPlan plan, List<Part> parts, long oldestTimestamp) {

    record Part(String key, byte[] bytes, long rows) {
    }

    long bytes() {
        long bytes = 0;
        for (Part part : parts) {
            bytes += part.bytes().length;
        }
        return bytes;
    }
}
