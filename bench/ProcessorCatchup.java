import io.storepulse.traffic.GeneratedRecord;
import io.storepulse.traffic.TrafficConfig;
import io.storepulse.traffic.TrafficGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Catch-up benchmark of the processor: preloads N generated events, starts processor-app from the beginning
 * (exactly-once, every computation on), and prints events/s until its consumer group has no lag left on the
 * inputs and the repartition topic. Start-up is excluded: the clock starts at the first committed progress.
 *
 * Usage (see bench/processor-catchup.sh): java -cp CLASSPATH bench/ProcessorCatchup.java BOOTSTRAP EVENTS PROCESSOR_JAR WORKDIR
 * The archiver is off in this benchmark; bench/archive-throughput.sh measures it, and the catch-up with it on.
 * With BENCH_JFR=/path/file.jfr the processor runs under Java Flight Recorder (profile settings); BENCH_PROCESSOR_OPTS
 * adds JVM options, such as {@code -Dkafka-streams.num.stream.threads=2}.
 */
public class ProcessorCatchup {

    static final String GROUP = "storepulse-processor";
    static final int PORT = 28082;
    static final Set<String> TOPICS = Set.of("click-events", "purchase-events", "inventory-events",
            "storepulse-processor-revenue-items");

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        long events = Long.parseLong(args[1]);
        String processorJar = args[2];
        Path work = Path.of(args[3]);

        preload(bootstrap, events);

        Process processor = startProcessor(processorJar, bootstrap, work, work.resolve("processor.log"), Map.of());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            measure(admin, processor, brokerPid(work));
        } finally {
            processor.destroy();
            processor.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts processor-app on port {@value #PORT} with its state under {@code work}; the archiver is off unless
     * {@code env} turns it on (with an S3 endpoint).
     */
    static Process startProcessor(String processorJar, String bootstrap, Path work, Path log, Map<String, String> env)
            throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(javaBin(), "-Xmx2g"));
        String jfr = System.getenv("BENCH_JFR");
        if (jfr != null && !jfr.isBlank()) {
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
        }
        String options = System.getenv("BENCH_PROCESSOR_OPTS");
        if (options != null && !options.isBlank()) {
            command.addAll(List.of(options.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", processorJar));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        builder.environment().put("PROCESSOR_PORT", Integer.toString(PORT));
        builder.environment().put("KAFKA_STREAMS_STATE_DIR", work.resolve("state").toString());
        builder.environment().put("STOREPULSE_ARCHIVE_ENABLED", "false");
        builder.environment().putAll(env);
        return builder.start();
    }

    static void preload(String bootstrap, long events) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // 10,000 events per second of event time: two million events span about 200 s (3.3 minutes) of shop traffic.
        TrafficGenerator generator = new TrafficGenerator(TrafficConfig.defaults()
                .withSeed(7).withStart(Instant.parse("2026-11-21T08:00:00Z")).withRate(10_000));
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < events; ) {
                GeneratedRecord record = generator.next();
                producer.send(new ProducerRecord<>(record.topic(), null, record.timestamp(), record.key(), record.value()));
                if (record.event() != null || !record.topic().equals("ground-truth.fraud")) {
                    i++;
                }
            }
        }
        System.out.printf("preloaded %,d records in %.1f s (%s)%n", events, (System.nanoTime() - started) / 1e9,
                generator.counts());
    }

    /** Waits until the processor has caught up, printing progress; returns its records/s. */
    static double measure(Admin admin, Process processor, long brokerPid) throws Exception {
        return measure(admin, processor, brokerPid, GROUP);
    }

    /** {@link #measure} for the processor running under application id {@code group}. */
    static double measure(Admin admin, Process processor, long brokerPid, String group) throws Exception {
        long start = 0;
        long processorCpuAtStart = 0;
        long brokerCpuAtStart = 0;
        List<long[]> samples = new java.util.ArrayList<>();
        long startCommitted = 0;
        long lastCommitted = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!processor.isAlive()) {
                throw new IllegalStateException("the processor exited (code " + processor.exitValue() + ")");
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).containsAll(TOPICS)) {
                Thread.sleep(1000);
                continue;
            }
            Map<TopicPartition, OffsetSpec> latestSpec = new HashMap<>();
            for (String topic : TOPICS) {
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latestSpec.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = admin.listOffsets(latestSpec).all()
                    .get(10, TimeUnit.SECONDS);
            long inputCommitted = 0;
            long lag = 0;
            for (var entry : latest.entrySet()) {
                OffsetAndMetadata offset = committed.get(entry.getKey());
                long done = offset == null ? 0 : offset.offset();
                lag += Math.max(0, entry.getValue().offset() - done);
                if (!entry.getKey().topic().startsWith("storepulse-processor")) {
                    inputCommitted += done;
                }
            }
            long now = System.nanoTime();
            if (start == 0 && inputCommitted > 0) {
                start = now;
                startCommitted = inputCommitted;
                processorCpuAtStart = cpuMillis(processor.pid());
                brokerCpuAtStart = cpuMillis(brokerPid);
                System.out.printf("first committed progress: %,d input records%n", inputCommitted);
            } else if (start != 0) {
                System.out.printf("  %6.1f s  input committed %,d  lag %,d  (%,.0f records/s)%n", (now - start) / 1e9,
                        inputCommitted, lag, (inputCommitted - lastCommitted) / 2.0);
            }
            lastCommitted = inputCommitted;
            if (start != 0) {
                samples.add(new long[] {now - start, inputCommitted});
            }
            if (start != 0 && lag == 0) {
                long records = inputCommitted - startCommitted;
                long elapsed = now - start;
                double seconds = elapsed / 1e9;
                long rss = rssMiB(processor.pid());
                System.out.printf("caught up: %,d input records in %.1f s after the first commit = %,.0f records/s; "
                        + "processor RSS %d MiB%n", records, seconds, records / seconds, rss);
                long[] half = samples.get(samples.size() - 1);
                for (long[] sample : samples) {
                    if (sample[0] >= elapsed / 2) {
                        half = sample;
                        break;
                    }
                }
                if (elapsed > half[0]) {
                    System.out.printf("second half of the run (from %.1f s, the JIT warm): %,.0f records/s%n",
                            half[0] / 1e9, (inputCommitted - half[1]) / ((elapsed - half[0]) / 1e9));
                }
                System.out.printf("CPU per 1,000 input records: processor %.1f ms, broker %.1f ms (user + system time, "
                        + "the same span)%n", 1000.0 * (cpuMillis(processor.pid()) - processorCpuAtStart) / records,
                        1000.0 * (cpuMillis(brokerPid) - brokerCpuAtStart) / records);
                printBytesWritten(admin, inputCommitted);
                return records / seconds;
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("not caught up within 20 minutes");
    }

    /** What the processor wrote, per topic, on the broker's disk: the changelogs dominate the broker's work. */
    static void printBytesWritten(Admin admin, long inputRecords) throws Exception {
        Map<String, Long> bytes = new TreeMap<>();
        admin.describeLogDirs(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
                .map(Node::id).toList()).allDescriptions().get(30, TimeUnit.SECONDS).values().forEach(dirs ->
                dirs.values().forEach(dir -> dir.replicaInfos().forEach((partition, replica) ->
                        bytes.merge(partition.topic(), replica.size(), Long::sum))));
        System.out.println("bytes on the broker per input record, by topic:");
        bytes.forEach((topic, size) -> System.out.printf("  %-60s %,8.1f%n", topic, (double) size / inputRecords));
    }

    /** The broker's process: the one running kafka.Kafka with its configuration under this benchmark's directory. */
    static long brokerPid(Path work) {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String command = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
                return command.contains(" kafka.Kafka ") && command.contains(work.toString());
            } catch (Exception gone) {
                return false;
            }
        }).mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("no kafka.Kafka process under " + work));
    }

    /** User plus system CPU time a process has used, from /proc/PID/stat (clock ticks of 10 ms). */
    static long cpuMillis(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    static long rssMiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
