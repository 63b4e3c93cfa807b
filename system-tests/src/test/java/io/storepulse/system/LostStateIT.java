package io.storepulse.system;

import io.storepulse.model.Topics;
import io.storepulse.system.TrafficFeed.ProducedRecord;
import io.storepulse.traffic.TrafficConfig;
import io.storepulse.traffic.TrafficGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lost processor state: a processor that has processed 40,000 generated records is stopped, and each key it can
 * answer for (every user's sessions, every product's revenue and stock) is asked. Its state directory is then
 * deleted, and later its largest RocksDB table file truncated to half; each time the processor is started again on that
 * directory, restores from the changelogs and must give every one of those answers again, byte for byte. The
 * truncated file's task must be discarded with the log line that names the file ({@code StateDirectoryGuard}).
 * Last, the directory's identity is changed to another topology's: the processor must refuse it and stop, leaving
 * every file as it was ({@code StateIdentity}).
 */
class LostStateIT {

    private static final int RECORDS = 40_000;
    private static final double EVENT_TIME_RATE = 20;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDeletedOrTruncatedStateDirectoryIsRestoredToTheSameAnswers(@TempDir Path work) throws Exception {
        try (LocalPipeline pipeline = LocalPipeline.startKafka(work)) {
            Instant now = Instant.now();
            Instant start = now.minusSeconds((long) (RECORDS / EVENT_TIME_RATE)).minus(10, ChronoUnit.MINUTES)
                    .truncatedTo(ChronoUnit.MINUTES);
            TrafficConfig traffic = TrafficConfig.defaults().withSeed(7).withStart(start).withRate(EVENT_TIME_RATE)
                    .withUsers(2_000);
            List<ProducedRecord> produced = new TrafficFeed(pipeline.bootstrap(), new TrafficGenerator(traffic), RECORDS,
                    Duration.ZERO).start().get();
            List<String> paths = queriedPaths(produced, "?from=" + start.minus(1, ChronoUnit.DAYS) + "&to=" + now);
            Path state = work.resolve("state");

            Map<String, String> before = answersAfterStart(pipeline, state, work.resolve("processor-0.log"), paths);
            assertThat(before.values()).as("answers with sessions, revenue or stock in them")
                    .filteredOn(answer -> answer.startsWith("200 ") && answer.length() > 10).hasSizeGreaterThan(1_000);

            deleteRecursively(state);
            Map<String, String> afterDelete = answersAfterStart(pipeline, state, work.resolve("processor-1.log"), paths);
            assertThat(afterDelete).as("after the state directory was deleted").isEqualTo(before);

            Path truncated = largestTable(state);
            System.out.printf("truncating %s (%d bytes) to half%n", state.relativize(truncated), size(truncated));
            try (RandomAccessFile file = new RandomAccessFile(truncated.toFile(), "rw")) {
                file.setLength(file.length() / 2);
            }
            Map<String, String> afterTruncate = answersAfterStart(pipeline, state, work.resolve("processor-2.log"), paths);
            assertThat(afterTruncate).as("after " + state.relativize(truncated) + " was truncated").isEqualTo(before);
            Path appDir = state.resolve("storepulse-processor");
            assertThat(Files.readString(work.resolve("processor-2.log")))
                    .contains("the state of task " + appDir.relativize(truncated).getName(0) + " in " + appDir
                            + " changed while the processor was stopped (" + appDir.relativize(truncated) + " was ");

            // The same directory, now claimed by another topology: refused before anything in it is opened.
            Path identity = appDir.resolve("storepulse-state-identity");
            Files.writeString(identity, Files.readString(identity).replaceAll("topology=\\w+", "topology=0f0f"));
            Map<String, Long> files = sizes(appDir);
            Path refusedLog = work.resolve("processor-3.log");
            Process refused = pipeline.startProcessor(LocalPipeline.freePort(), state, refusedLog);
            assertThat(refused.waitFor(90, TimeUnit.SECONDS)).as("a processor on another topology's state stops").isTrue();
            assertThat(refused.exitValue()).as("its exit code").isNotZero();
            assertThat(Files.readString(refusedLog)).contains("holds the state of application id 'storepulse-processor' "
                    + "with topology 0f0f, not of this processor");
            assertThat(sizes(appDir)).as("the refused directory, file by file").isEqualTo(files);
        }
    }

    /** Starts a processor on {@code state}, waits until it is ready and caught up, asks every path, stops it. */
    private Map<String, String> answersAfterStart(LocalPipeline pipeline, Path state, Path log, List<String> paths)
            throws Exception {
        int port = LocalPipeline.freePort();
        Process processor = pipeline.startProcessor(port, state, log);
        try (ProcessorLag lag = new ProcessorLag(pipeline.bootstrap())) {
            LocalPipeline.awaitReady(port);
            lag.awaitCaughtUp(processor, CATCH_UP_TIMEOUT);
            Map<String, String> answers = new TreeMap<>();
            for (String path : paths) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                answers.put(path, response.statusCode() + " " + response.body());
            }
            return answers;
        } finally {
            processor.destroy();                                     // SIGTERM: a clean stop, state flushed
            processor.waitFor();
        }
    }

    /** Every user's sessions and every product's revenue and stock, over all the traffic's event time. */
    private static List<String> queriedPaths(List<ProducedRecord> produced, String range) {
        TreeSet<String> users = new TreeSet<>();
        TreeSet<String> products = new TreeSet<>();
        for (ProducedRecord record : produced) {
            if (record.key() == null) {
                continue;
            }
            if (record.topic().equals(Topics.INVENTORY_EVENTS)) {
                products.add(record.key());
            } else if (!record.topic().equals(Topics.GROUND_TRUTH_FRAUD)) {
                users.add(record.key());
            }
        }
        Stream<String> sessions = users.stream().map(user -> "/internal/v1/users/" + encode(user) + "/sessions" + range);
        Stream<String> revenue = products.stream().map(p -> "/internal/v1/products/" + encode(p) + "/revenue" + range);
        Stream<String> stock = products.stream().map(p -> "/internal/v1/products/" + encode(p) + "/inventory");
        return Stream.of(sessions, revenue, stock).flatMap(s -> s).toList();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The largest RocksDB table file: a store's data, not its bookkeeping. */
    private static Path largestTable(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".sst"))
                    .max(Comparator.comparingLong(LostStateIT::size))
                    .orElseThrow(() -> new AssertionError("no RocksDB table file in the state directory " + dir));
        }
    }

    /** Every file under {@code dir} with its size. */
    private static Map<String, Long> sizes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            Map<String, Long> sizes = new TreeMap<>();
            files.filter(Files::isRegularFile).forEach(file -> sizes.put(dir.relativize(file).toString(), size(file)));
            return sizes;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
