package io.storepulse.producer.generator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.storepulse.producer.config.ProducerConfig;
import io.storepulse.producer.kafka.EventWriter;
import io.storepulse.producer.kafka.OutgoingRecord;
import io.storepulse.traffic.GeneratedRecord;
import io.storepulse.traffic.Origin;
import io.storepulse.traffic.TrafficConfig;
import io.storepulse.traffic.TrafficGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces the traffic model into Kafka at the requested rate. One run at a time; each run's events are a pure
 * function of (seed, start instant, rate, ratios): the run seed mixes the configured seed with the start
 * instant, so two runs never reuse an event id while a run can still be regenerated exactly.
 */
@ApplicationScoped
public class GeneratorService {

    static final String SOURCE = "generator";
    private static final Logger LOG = Logger.getLogger(GeneratorService.class);
    /** A tick small enough that 200 events/s still flow smoothly, large enough to batch at 150,000/s. */
    private static final Duration TICK = Duration.ofMillis(5);

    private final EventWriter writer;
    private final ProducerConfig.Generator config;
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<Origin, AtomicLong> byOrigin = new EnumMap<>(Origin.class);
    private final Map<Origin, Counter> originCounters = new EnumMap<>(Origin.class);
    private volatile Run run;

    public GeneratorService(EventWriter writer, ProducerConfig config, MeterRegistry registry) {
        this.writer = writer;
        this.config = config.generator();
        for (Origin origin : Origin.values()) {
            byOrigin.put(origin, new AtomicLong());
            originCounters.put(origin, Counter.builder("storepulse.generator.records")
                    .description("Records the traffic generator produced, by why they are in the stream")
                    .tag("origin", origin.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry));
        }
        registry.gauge("storepulse.generator.rate", this, service -> service.run == null ? 0 : service.run.rate);
        registry.gauge("storepulse.generator.in.flight", this, GeneratorService::inFlight);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.rate() > 0) {
            start(config.rate());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts (or restarts at a new rate) the generator. */
    public synchronized GeneratorStatus start(int rate) {
        if (rate < 1 || rate > config.maxRate()) {
            throw new IllegalArgumentException("rate must be between 1 and " + config.maxRate() + " events/s, was " + rate);
        }
        stop();
        Instant start = Instant.now();
        long runSeed = runSeed(config.seed(), start);
        TrafficGenerator generator = new TrafficGenerator(TrafficConfig.defaults()
                .withSeed(runSeed).withStart(start).withRate(rate)
                .withUsers(config.users()).withProducts(config.products())
                .withFraudRatio(config.fraudRatio()).withLateRatio(config.lateRatio())
                .withLateBeyondGraceRatio(config.lateBeyondGraceRatio()).withDuplicateRatio(config.duplicateRatio())
                .withMalformedRatio(config.malformedRatio()).withGrace(config.grace()));
        run = new Run(generator, rate, runSeed, start);
        LOG.infof("generator started: %d events/s, seed %d, run seed %d, start %s", rate, config.seed(), runSeed, start);
        return status();
    }

    public synchronized GeneratorStatus stop() {
        Run current = run;
        run = null;
        if (current != null) {
            current.ticker.cancel();
            LOG.infof("generator stopped after %d records in this run", current.generated);
        }
        return status();
    }

    public GeneratorStatus status() {
        Run current = run;
        Map<String, Long> origins = new LinkedHashMap<>();
        byOrigin.forEach((origin, count) -> origins.put(origin.name().toLowerCase(java.util.Locale.ROOT), count.get()));
        GeneratorStatus.Totals totals = new GeneratorStatus.Totals(generated.get(), acknowledged.get(), failed.get(),
                inFlight(), origins);
        if (current == null) {
            return new GeneratorStatus(false, 0, config.seed(), null, null, null, totals);
        }
        return new GeneratorStatus(true, current.rate, config.seed(), current.runSeed, current.start.toString(),
                Instant.ofEpochMilli(current.generator.virtualTimeMillis()).toString(), totals);
    }

    long inFlight() {
        return generated.get() - acknowledged.get() - failed.get();
    }

    /** SplitMix64 of seed and start: well spread, and a pure function of both. */
    static long runSeed(long seed, Instant start) {
        long z = seed + start.toEpochMilli() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private final class Run {
        private final TrafficGenerator generator;
        private final int rate;
        private final long runSeed;
        private final Instant start;
        private final long startNanos = System.nanoTime();
        private final Cancellable ticker;
        private long generated;

        Run(TrafficGenerator generator, int rate, long runSeed, Instant start) {
            this.generator = generator;
            this.rate = rate;
            this.runSeed = runSeed;
            this.start = start;
            this.ticker = Multi.createFrom().ticks().every(TICK)
                    .onOverflow().drop()
                    .subscribe().with(tick -> emitDue(), error -> LOG.error("generator stopped by an error", error));
        }

        /** Sends what the rate owes since the start; pauses while too much is unacknowledged. */
        private void emitDue() {
            long due = (long) ((System.nanoTime() - startNanos) / 1e9 * rate) - generated;
            long room = config.maxInFlight() - inFlight();
            long batch = Math.min(due, room);
            for (long i = 0; i < batch && run == this; i++) {
                emit(generator.next());
                generated++;
            }
        }

        private void emit(GeneratedRecord record) {
            GeneratorService.this.generated.incrementAndGet();
            byOrigin.get(record.origin()).incrementAndGet();
            originCounters.get(record.origin()).increment();
            writer.send(new OutgoingRecord(record.topic(), record.key(), record.value(), record.timestamp()), SOURCE,
                    acknowledged::incrementAndGet, error -> failed.incrementAndGet());
        }
    }
}
