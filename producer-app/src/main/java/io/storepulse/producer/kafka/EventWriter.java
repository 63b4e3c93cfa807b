package io.storepulse.producer.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Writes records to Kafka through the {@code events} channel: an idempotent producer with acks=all, so a record
 * counts as written only once every in-sync replica has it. The topic comes with each record.
 */
@ApplicationScoped
public class EventWriter {

    public static final String CHANNEL = "events";

    private final MutinyEmitter<byte[]> emitter;
    private final KafkaClientService clients;
    /** How long a request waits for Kafka's acknowledgement of its events before it answers 503. */
    static final long ACK_TIMEOUT_SECONDS = 10;

    private final MeterRegistry registry;
    private volatile Producer<String, byte[]> producer;
    private final Timer sendLatency;
    private final Map<String, Counter> written = new ConcurrentHashMap<>();
    private final Map<String, Counter> failed = new ConcurrentHashMap<>();

    // Memory is bounded upstream: a request holds at most 10,000 events, the generator caps what is in flight.
    public EventWriter(@Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter,
                       KafkaClientService clients, MeterRegistry registry) {
        this.emitter = emitter;
        this.clients = clients;
        this.registry = registry;
        this.sendLatency = Timer.builder("storepulse.producer.send.latency")
                .description("Time from handing a record to the producer to the broker's acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * Writes every record; the Uni completes once the broker acknowledged all of them and fails if any write
     * fails or the broker does not answer within the timeout. An open circuit fails at once: callers answer 503.
     */
    @AsynchronousNonBlocking
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS)
    public Uni<Void> writeAll(List<OutgoingRecord> records, String source) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> writes = new ArrayList<>(records.size());
        for (OutgoingRecord record : records) {
            long started = System.nanoTime();
            writes.add(emitter.sendMessage(message(record))
                    .onItem().invoke(() -> acknowledged(record, source, started))
                    .onFailure().invoke(error -> failed(record, source)));
        }
        // The request's bound is here, on the Uni: a fault-tolerance @Timeout on this method did not end a request
        // whose records Kafka neither acknowledged nor failed (a partitioned broker); that request ended only when
        // the producer gave up (15 s). A timeout fails the call, so the circuit breaker counts it like a refusal.
        return Uni.join().all(writes).andFailFast()
                .ifNoItem().after(Duration.ofSeconds(ACK_TIMEOUT_SECONDS))
                .failWith(() -> new TimeoutException("no acknowledgement within "
                        + ACK_TIMEOUT_SECONDS + " s"))
                .onFailure().transform(error -> new KafkaUnavailableException(
                        "Kafka did not acknowledge the write: " + error.getMessage(), error))
                .replaceWithVoid();
    }

    /**
     * Sends without waiting; exactly one of the callbacks runs once the broker answered. Goes straight to the
     * channel's Kafka producer (same configuration: acks=all, idempotent): at 150,000 records/s the per-message
     * envelope of the emitter path costs more than the send itself.
     */
    public void send(OutgoingRecord record, String source, Runnable onAck, Consumer<Throwable> onFailure) {
        long started = System.nanoTime();
        producer().send(new ProducerRecord<>(record.topic(), null, record.timestamp(), record.key(), record.value()),
                (metadata, error) -> {
                    if (error == null) {
                        acknowledged(record, source, started);
                        onAck.run();
                    } else {
                        failed(record, source);
                        onFailure.accept(error);
                    }
                });
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            current = clients.<String, byte[]>getProducer(CHANNEL).unwrap();
            producer = current;
        }
        return current;
    }

    private Message<byte[]> message(OutgoingRecord record) {
        return Message.of(record.value(), Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(record.topic())
                .withKey(record.key())
                .withTimestamp(Instant.ofEpochMilli(record.timestamp()))
                .build()));
    }

    private void acknowledged(OutgoingRecord record, String source, long startedNanos) {
        sendLatency.record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        counter(written, "storepulse.producer.records", record.topic(), source).increment();
    }

    private void failed(OutgoingRecord record, String source) {
        counter(failed, "storepulse.producer.send.errors", record.topic(), source).increment();
    }

    private Counter counter(Map<String, Counter> cache, String name, String topic, String source) {
        return cache.computeIfAbsent(topic + '\u0000' + source, key -> Counter.builder(name)
                .tag("topic", topic)
                .tag("source", source)
                .register(registry));
    }
}
