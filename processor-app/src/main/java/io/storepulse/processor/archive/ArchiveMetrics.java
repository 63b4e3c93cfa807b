package io.storepulse.processor.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The archive's meters, all tagged by topic: {@code storepulse_archive_objects_written_total},
 * {@code _rows_written_total}, {@code _bytes_written_total}, {@code _upload_failures_total},
 * {@code _records_skipped_total} (with {@code reason}), and the gauges {@code storepulse_archive_lag_records}
 * (records on the broker not yet in S3) and {@code storepulse_archive_lag_seconds} (age of the oldest of them, by
 * its broker write time); {@code storepulse_archive_oldest_unarchived_age_seconds} is the largest over all topics.
 */
@ApplicationScoped
public class ArchiveMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Lag> lags = new ConcurrentHashMap<>();
    private final AtomicLong yielding = new AtomicLong();

    public ArchiveMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("storepulse_archive_oldest_unarchived_age_seconds", this, ArchiveMetrics::oldestAgeSeconds)
                .description("Age of the oldest record on the broker not yet in the archive, by its write time")
                .register(registry);
        Gauge.builder("storepulse_archive_yielding", yielding, AtomicLong::doubleValue)
                .description("1 while the archiver stops fetching because this instance's topology is catching up")
                .register(registry);
    }

    void yielding(boolean yield) {
        yielding.set(yield ? 1 : 0);
    }

    public boolean yielding() {
        return yielding.get() == 1;
    }

    /** Registers every meter of {@code topic} at zero, so dashboards and alerts see the series from the start. */
    void register(String topic) {
        lag(topic);
        for (String name : new String[] {"objects_written", "rows_written", "bytes_written", "upload_failures"}) {
            counter(name, topic, null);
        }
        counter("records_skipped", topic, "undecodable");
        counter("records_skipped", topic, "invalid");
    }

    void written(String topic, long objects, long rows, long bytes) {
        counter("objects_written", topic, null).increment(objects);
        counter("rows_written", topic, null).increment(rows);
        counter("bytes_written", topic, null).increment(bytes);
    }

    void uploadFailed(String topic) {
        counter("upload_failures", topic, null).increment();
    }

    void skipped(String topic, String reason) {
        counter("records_skipped", topic, reason).increment();
    }

    /** The archiver's latest view of a topic's backlog (summed over the partitions it owns). */
    void lag(String topic, long records, long oldestTimestamp) {
        Lag lag = lag(topic);
        lag.records.set(records);
        lag.oldestTimestamp.set(oldestTimestamp);
    }

    double lagSeconds(String topic) {
        return lag(topic).seconds();
    }

    double oldestAgeSeconds() {
        double oldest = 0;
        for (Lag lag : lags.values()) {
            oldest = Math.max(oldest, lag.seconds());
        }
        return oldest;
    }

    private Lag lag(String topic) {
        return lags.computeIfAbsent(topic, t -> {
            Lag lag = new Lag();
            Gauge.builder("storepulse_archive_lag_records", lag.records, AtomicLong::doubleValue).tag("topic", t)
                    .description("Records of the topic on the broker (read_committed) not yet in the archive")
                    .register(registry);
            Gauge.builder("storepulse_archive_lag_seconds", lag, Lag::seconds).tag("topic", t)
                    .description("Age of the topic's oldest record not yet in the archive, by its write time")
                    .register(registry);
            return lag;
        });
    }

    private Counter counter(String name, String topic, String reason) {
        String id = name + '|' + topic + '|' + reason;
        return counters.computeIfAbsent(id, i -> {
            Counter.Builder builder = Counter.builder("storepulse_archive_" + name).tag("topic", topic);
            return (reason == null ? builder : builder.tag("reason", reason)).register(registry);
        });
    }

    private static final class Lag {
        final AtomicLong records = new AtomicLong();
        /** Write time of the oldest unarchived record seen, or Long.MAX_VALUE when nothing is waiting. */
        final AtomicLong oldestTimestamp = new AtomicLong(Long.MAX_VALUE);

        double seconds() {
            long oldest = oldestTimestamp.get();
            return oldest == Long.MAX_VALUE ? 0 : Math.max(0, System.currentTimeMillis() - oldest) / 1000.0;
        }
    }
}
