package io.storepulse.processor.errors;

import io.storepulse.model.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** The headers a dead-lettered record carries (CONTRACT section 2): why it failed and where it came from. */
public final class DeadLetter {

    private DeadLetter() {
    }

    /** The original headers plus the DLQ ones; text values in UTF-8, partition and offset in decimal. */
    public static Headers headers(Headers original, String errorClass, String errorMessage, RecordMetadata source,
                                  long failedAtMillis) {
        RecordHeaders headers = original == null ? new RecordHeaders() : new RecordHeaders(original.toArray());
        put(headers, Topics.Headers.ERROR_CLASS, errorClass);
        put(headers, Topics.Headers.ERROR_MESSAGE, errorMessage == null ? "" : errorMessage);
        put(headers, Topics.Headers.SOURCE_TOPIC, source.topic());
        put(headers, Topics.Headers.SOURCE_PARTITION, Integer.toString(source.partition()));
        put(headers, Topics.Headers.SOURCE_OFFSET, Long.toString(source.offset()));
        put(headers, Topics.Headers.FAILED_AT, Instant.ofEpochMilli(failedAtMillis).toString());
        return headers;
    }

    private static void put(RecordHeaders headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
