import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Archive benchmark (bench/archive-throughput.sh): preloads N generated events into a broker with an S3 store beside
 * it, then in three phases on the same records:
 * <ol>
 *   <li>the processor catches up with the archiver off (application id {@code storepulse-processor});</li>
 *   <li>a fresh processor (application id {@code storepulse-processor-b}) catches up with the archiver on, at its
 *       defaults, into bucket {@code storepulse-archive}; once the archive has caught up too, objects per
 *       topic-partition-hour are counted;</li>
 *   <li>the archiver alone (the topology, on phase 2's state directory, has nothing left to do) archives everything
 *       from the beginning again into bucket {@code storepulse-archive-bench}, under its own group, with a 1 s roll
 *       interval so that the time is the archiver's work and not the wait for a roll to close: records/s from the
 *       archiver's start (JIT warm-up included) and over the second half, MB of Parquet per CPU-second of the
 *       process, the process's RSS.</li>
 * </ol>
 * {@code BENCH_PHASE=3} runs the last phase alone on a fresh processor (its topology catching up at the same time),
 * for profiles ({@code BENCH_JFR=/tmp/archive.jfr}).
 * Phase 2 also reads the repartition topic's records of phase 1 (its name does not depend on the application id):
 * a handicap of the run with the archiver, not of the one without.
 *
 * Usage: java -cp CLASSES:CLASSPATH ArchiveThroughput BOOTSTRAP S3_ENDPOINT EVENTS PROCESSOR_JAR WORKDIR
 */
public class ArchiveThroughput {

    private static final Pattern RUNNING = Pattern.compile("\"state\"\\s*:\\s*\"running\"");
    private static final Pattern SAMPLE = Pattern.compile("^(storepulse_archive_[a-z_]+)(\\{[^}]*})? ([0-9.eE+-]+)$");

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String s3 = args[1];
        long events = Long.parseLong(args[2]);
        String jar = args[3];
        Path work = Path.of(args[4]);
        ProcessorCatchup.preload(bootstrap, events);
        long broker = ProcessorCatchup.brokerPid(work);
        // The local store checks no signature: placeholder keys, made up per run.
        String placeholder = "run-" + UUID.randomUUID();
        Map<String, String> archive = Map.of("S3_ENDPOINT", s3, "AWS_ACCESS_KEY_ID", placeholder,
                "AWS_SECRET_ACCESS_KEY", placeholder, "STOREPULSE_ARCHIVE_ENABLED", "true",
                "STOREPULSE_ARCHIVE_CREATE_BUCKET", "true");
        if ("3".equals(System.getenv("BENCH_PHASE"))) {
            Map<String, String> alone = new HashMap<>(archive);
            alone.put("STOREPULSE_ARCHIVE_BUCKET", "storepulse-archive-bench");
            alone.put("STOREPULSE_ARCHIVE_ROLL_INTERVAL", "1s");
            System.out.println("== phase 3 only: the archiver (and the topology, on the same records) from the beginning");
            phase(jar, bootstrap, work, "alone", alone, process -> archiveAlone(process, events, broker));
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            System.out.println("== phase 1: processor catch-up, archiver off");
            double off = phase(jar, bootstrap, work, "off", Map.of(), process ->
                    ProcessorCatchup.measure(admin, process, broker));

            System.out.println("== phase 2: processor catch-up, archiver on at its defaults");
            Map<String, String> on = new HashMap<>(archive);
            on.put("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", "storepulse-processor-b");
            double with = phase(jar, bootstrap, work, "on", on, process -> {
                double rate = ProcessorCatchup.measure(admin, process, broker, "storepulse-processor-b");
                long topologyDone = System.nanoTime();
                List<double[]> samples = new ArrayList<>();
                Map<String, Double> done = awaitArchived(process, events, samples);
                System.out.printf("archive: %,.0f records taken when the topology had caught up; all of them %.1f s "
                        + "later (the archiver waits while the topology's lag is above yield-above-lag)%n",
                        samples.get(0)[1], (System.nanoTime() - topologyDone) / 1e9);
                System.out.printf("archive at its defaults: %,.0f objects for %,.0f rows%n",
                        done.get("storepulse_archive_objects_written_total"),
                        done.get("storepulse_archive_rows_written_total"));
                return rate;
            });
            System.out.println(S3Objects.perPartitionHour(s3, "storepulse-archive"));
            System.out.printf("processor catch-up with the archiver on: %,.0f records/s against %,.0f off (%+.1f %%)%n",
                    with, off, 100 * (with - off) / off);

            System.out.println("== phase 3: the archiver alone, from the beginning, 1 s rolls");
            Map<String, String> alone = new HashMap<>(on);
            alone.put("STOREPULSE_ARCHIVE_GROUP_ID", "storepulse-archiver-bench");
            alone.put("STOREPULSE_ARCHIVE_BUCKET", "storepulse-archive-bench");
            alone.put("STOREPULSE_ARCHIVE_ROLL_INTERVAL", "1s");
            // Phase 2's state directory: the topology starts with its stores in place and has nothing to do.
            phase(jar, bootstrap, work, "alone", "on", alone, process -> archiveAlone(process, events, broker));
            System.out.println(S3Objects.perPartitionHour(s3, "storepulse-archive-bench"));
        }
    }

    interface Measurement {
        double run(Process processor) throws Exception;
    }

    private static double phase(String jar, String bootstrap, Path work, String name, Map<String, String> env,
                                Measurement measurement) throws Exception {
        return phase(jar, bootstrap, work, name, name, env, measurement);
    }

    /** Runs one processor with its Kafka Streams state under {@code work/state}, its log {@code processor-NAME.log}. */
    private static double phase(String jar, String bootstrap, Path work, String name, String state,
                                Map<String, String> env, Measurement measurement) throws Exception {
        Process processor = ProcessorCatchup.startProcessor(jar, bootstrap, work.resolve(state),
                work.resolve("processor-" + name + ".log"), env);
        try {
            return measurement.run(processor);
        } finally {
            processor.destroy();
            processor.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * From the archiver's start (subscribed, joining its group) until the archive has no lag
     * left and has taken every record: records/s, MB of Parquet per CPU-second of the process, its RSS.
     */
    private static double archiveAlone(Process processor, long events, long broker) throws Exception {
        awaitArchiverRunning();
        long start = System.nanoTime();
        long cpuStart = ProcessorCatchup.cpuMillis(processor.pid());
        long brokerStart = ProcessorCatchup.cpuMillis(broker);
        List<double[]> samples = new ArrayList<>();
        Map<String, Double> done = awaitArchived(processor, events, samples);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (ProcessorCatchup.cpuMillis(processor.pid()) - cpuStart) / 1e3;
        double brokerCpu = (ProcessorCatchup.cpuMillis(broker) - brokerStart) / 1e3;
        double records = done.get("storepulse_archive_rows_written_total")
                + done.get("storepulse_archive_records_skipped_total");
        double megabytes = done.get("storepulse_archive_bytes_written_total") / 1e6;
        System.out.printf("archived %,.0f records (%,.0f rows, %,.0f skipped as the processor DLQs them) in %.1f s "
                        + "from the archiver's start = %,.0f records/s%n", records, done.get("storepulse_archive_rows_written_total"),
                done.get("storepulse_archive_records_skipped_total"), seconds, records / seconds);
        double[] last = samples.get(samples.size() - 1);
        double[] half = samples.stream().filter(sample -> sample[0] >= start + (last[0] - start) / 2).findFirst()
                .orElse(last);
        if (last[0] > half[0]) {
            System.out.printf("second half of the run (from %.1f s, the JIT warm): %,.0f records/s%n",
                    (half[0] - start) / 1e9, (last[1] - half[1]) / ((last[0] - half[0]) / 1e9));
        }
        System.out.printf("Parquet written: %,.1f MB in %,.0f objects = %.1f MB/s; processor CPU %.1f s (%.2f cores) "
                        + "= %.2f MB of Parquet per CPU-second, %,.0f records per CPU-second; broker CPU %.1f s%n",
                megabytes, done.get("storepulse_archive_objects_written_total"), megabytes / seconds, cpu,
                cpu / seconds, megabytes / cpu, records / cpu, brokerCpu);
        System.out.printf("processor RSS at the end: %d MiB (heap limit 2 GiB, the topology idle)%n",
                ProcessorCatchup.rssMiB(processor.pid()));
        return records / seconds;
    }

    /**
     * Waits until the archive's health check says {@code running}: its consumer has subscribed and is joining the
     * group, before it has read anything. The topology's readiness comes later and must not start the clock, the
     * archiver would have been at work for seconds by then.
     */
    private static void awaitArchiverRunning() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try {
                String health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + ProcessorCatchup.PORT + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (RUNNING.matcher(health).find()) {
                    return;
                }
            } catch (java.io.IOException starting) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("archiver not running within 2 minutes");
    }

    /**
     * Polls the archive's metrics every 250 ms until it has taken (written or skipped) at least {@code events}
     * records and has no lag left; returns the sums of its counters by name.
     */
    private static Map<String, Double> awaitArchived(Process processor, long events) throws Exception {
        return awaitArchived(processor, events, new ArrayList<>());
    }

    /** {@link #awaitArchived}, adding to {@code samples} each poll's time (nanoTime) and records taken. */
    private static Map<String, Double> awaitArchived(Process processor, long events, List<double[]> samples)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!processor.isAlive()) {
                throw new IllegalStateException("the processor exited (code " + processor.exitValue() + ")");
            }
            Map<String, Double> sums = new TreeMap<>();
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ProcessorCatchup.PORT
                        + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                for (String line : body.split("\n")) {
                    Matcher sample = SAMPLE.matcher(line);
                    if (sample.matches()) {
                        sums.merge(sample.group(1), Double.parseDouble(sample.group(3)), Double::sum);
                    }
                }
            } catch (java.io.IOException starting) {
                Thread.sleep(250);
                continue;
            }
            double taken = sums.getOrDefault("storepulse_archive_rows_written_total", 0.0)
                    + sums.getOrDefault("storepulse_archive_records_skipped_total", 0.0);
            samples.add(new double[] {System.nanoTime(), taken});
            if (taken >= events && sums.getOrDefault("storepulse_archive_lag_records", 1.0) == 0
                    && sums.getOrDefault("storepulse_archive_oldest_unarchived_age_seconds", 1.0) == 0) {
                return sums;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("archive not caught up within 20 minutes");
    }

    /** Objects per topic-partition-hour in a bucket of the local store, listed over S3's REST API (unsigned). */
    static final class S3Objects {

        private static final Pattern KEY = Pattern.compile(
                "<Key>([a-z-]+)/dt=([0-9-]+)/hour=([0-9]+)/[a-z-]+-([0-9]+)-[0-9]+-[0-9]+\\.parquet</Key>");
        private static final Pattern NEXT = Pattern.compile("<NextContinuationToken>([^<]+)</NextContinuationToken>");

        static String perPartitionHour(String endpoint, String bucket) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            Map<String, Integer> perGroup = new TreeMap<>();
            String token = null;
            do {
                String query = "list-type=2" + (token == null ? "" : "&continuation-token="
                        + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
                String body = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/" + bucket + "?" + query))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher key = KEY.matcher(body);
                while (key.find()) {
                    perGroup.merge(key.group(1) + "-" + key.group(4) + " " + key.group(2) + " " + key.group(3), 1,
                            Integer::sum);
                }
                Matcher next = NEXT.matcher(body);
                token = body.contains("<IsTruncated>true</IsTruncated>") && next.find() ? next.group(1) : null;
            } while (token != null);
            int objects = perGroup.values().stream().mapToInt(Integer::intValue).sum();
            int max = perGroup.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            return String.format("bucket %s: %,d objects in %,d topic-partition-hours = %.2f objects per "
                    + "partition-hour (at most %d)", bucket, objects, perGroup.size(),
                    perGroup.isEmpty() ? 0 : (double) objects / perGroup.size(), max);
        }
    }
}
