package io.storepulse.processor.topology;

import io.storepulse.model.codec.AvroCodec;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.validation.EventRules;
import io.storepulse.processor.errors.DeadLetter;
import io.storepulse.processor.errors.InvalidEventException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.time.Instant;
import java.util.List;

/**
 * First stage of every input: decodes the Avro bytes and checks the contract's rules. Records that fail go,
 * byte for byte, to the topic's DLQ with the reason in headers; valid ones continue as typed records. The
 * stream never stops for a bad record.
 */
final class InputValidator<T extends SpecificRecord> implements Processor<String, byte[], String, Object> {

    private final AvroCodec<T> codec;
    private final EventRules rules;
    private final String deadLetterSink;
    private final String validSink;
    private final RouteCounter counter;
    private ProcessorContext<String, Object> context;

    /** Counts each record's route: {@code valid} or {@code dlq}. */
    interface RouteCounter {
        void count(String topic, String route);
    }

    InputValidator(AvroCodec<T> codec, EventRules rules, String deadLetterSink, String validSink, RouteCounter counter) {
        this.codec = codec;
        this.rules = rules;
        this.deadLetterSink = deadLetterSink;
        this.validSink = validSink;
        this.counter = counter;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        T event;
        try {
            event = codec.decode(record.value());
        } catch (CodecException e) {
            deadLetter(record, source, e.getClass().getName(), e.getMessage());
            return;
        }
        List<String> errors = rules.validate(event, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (!errors.isEmpty()) {
            deadLetter(record, source, InvalidEventException.class.getName(), new InvalidEventException(errors).getMessage());
            return;
        }
        counter.count(source.topic(), "valid");
        if (validSink != null) {
            context.forward(record.withValue(event), validSink);
        }
    }

    private void deadLetter(Record<String, byte[]> record, RecordMetadata source, String errorClass, String message) {
        counter.count(source.topic(), "dlq");
        context.forward(new Record<String, Object>(record.key(), record.value(), record.timestamp(),
                DeadLetter.headers(record.headers(), errorClass, message, source, context.currentSystemTimeMs())),
                deadLetterSink);
    }
}
