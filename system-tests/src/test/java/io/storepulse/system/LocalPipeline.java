package io.storepulse.system;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.Codecs;
import io.storepulse.stack.FreePorts;
import io.storepulse.stack.LocalStackProcess;
import io.storepulse.stack.StackConfig;
import io.storepulse.system.TrafficFeed.ProducedRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker (and Redis or the S3 store, when asked), and processor-app and serving-api JVMs started from the packaged
 * jars, all on free ports. Closing it kills every app it started, then stops the servers.
 */
final class LocalPipeline implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getProperty("storepulse.root", "..")).toAbsolutePath().normalize();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final LocalStackProcess stack;
    private final List<Process> apps = new ArrayList<>();
    private final Map<String, String> processorEnv = new HashMap<>();
    private boolean serversStopped;

    private LocalPipeline(LocalStackProcess stack) {
        this.stack = stack;
    }

    /**
     * Starts a single-node broker with the contract's topics (8 partitions each), its data under {@code work}; the
     * stack reports ready once the broker has opened every partition of them.
     */
    static LocalPipeline startKafka(Path work) throws Exception {
        StackConfig config = new StackConfig(work.resolve("data"), freePort(), freePort(), freePort(), freePort(), 8,
                StackConfig.DEFAULT_BUCKET, EnumSet.of(StackConfig.Component.KAFKA), false);
        return new LocalPipeline(LocalStackProcess.start(config, work.resolve("stack.log")));
    }

    /**
     * Starts a cluster of {@code brokers} KRaft brokers, each a voter of the controller quorum ({@code kafka-1} to
     * {@code kafka-<brokers>}), with the contract's topics at three replicas and {@code min.insync.replicas=2}.
     */
    static LocalPipeline startKafkaCluster(Path work, int brokers) throws Exception {
        int first = FreePorts.block(2 * brokers);
        StackConfig config = new StackConfig(work.resolve("data"), first, first + 1, freePort(), freePort(), 8,
                StackConfig.DEFAULT_BUCKET, EnumSet.of(StackConfig.Component.KAFKA), false).withBrokers(brokers);
        return new LocalPipeline(LocalStackProcess.start(config, work.resolve("stack.log")));
    }

    /** {@link #startKafka} plus a Redis server, for serving-api. */
    static LocalPipeline startKafkaAndRedis(Path work) throws Exception {
        StackConfig config = new StackConfig(work.resolve("data"), freePort(), freePort(), freePort(), freePort(), 8,
                StackConfig.DEFAULT_BUCKET, EnumSet.of(StackConfig.Component.KAFKA, StackConfig.Component.REDIS), false);
        return new LocalPipeline(LocalStackProcess.start(config, work.resolve("stack.log")));
    }

    /** {@link #startKafka} plus the S3-compatible store with the archive bucket: processors started by it archive. */
    static LocalPipeline startKafkaAndS3(Path work) throws Exception {
        StackConfig config = new StackConfig(work.resolve("data"), freePort(), freePort(), freePort(), freePort(), 8,
                StackConfig.DEFAULT_BUCKET, EnumSet.of(StackConfig.Component.KAFKA, StackConfig.Component.S3), false);
        return new LocalPipeline(LocalStackProcess.start(config, work.resolve("stack.log")));
    }

    /** Every partition of {@code topics}, each asking for its latest offset. */
    static Map<TopicPartition, OffsetSpec> latestOffsetsOf(Admin admin, Collection<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                        OffsetSpec.latest())));
        return latest;
    }

    /**
     * Writes three valid page views a minute apart, from {@code start}, for each of {@code users} users named
     * {@code userPrefix} and a number, and returns once the broker has them all.
     */
    static void produceClicks(String bootstrap, Instant start, String userPrefix, int users) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int user = 0; user < users; user++) {
                for (int click = 0; click < 3; click++) {
                    Instant time = start.plusSeconds(click * 60L);
                    String userId = userPrefix + user;
                    producer.send(new ProducerRecord<>(Topics.CLICK_EVENTS, null, time.toEpochMilli(), userId,
                            Codecs.CLICK.encode(ClickEvent.newBuilder().setEventId(userId + "-" + click).setUserId(userId)
                                    .setSessionId("s-1").setEventType(ClickEventType.PAGE_VIEW).setPageUrl("/")
                                    .setDeviceType(DeviceType.DESKTOP).setIpAddress("203.0.113.7").setCountry("US")
                                    .setEventTime(time).build())));
                }
            }
        }
    }

    String bootstrap() {
        return stack.endpoints().get("kafka");
    }

    /** The S3 endpoint of a stack started by {@link #startKafkaAndS3}. */
    String s3Endpoint() {
        return stack.endpoints().get("s3");
    }

    /** Sets an environment variable of every processor started from now on. */
    void processorEnv(String name, String value) {
        processorEnv.put(name, value);
    }

    /** Stops one of the stack's servers ({@code kafka}, {@code redis}, {@code s3}) until {@link #startServer}. */
    void stopServer(String name) {
        stack.stopServer(name);
    }

    void startServer(String name) {
        stack.startServer(name);
    }

    /** SIGKILLs one of the stack's servers ({@code kafka-2}): a crash, until {@link #startServer}. */
    void killServer(String name) {
        stack.killServer(name);
    }

    /** A command running {@code app}'s jar with its output to {@code log}, on 127.0.0.1 and this stack's Kafka. */
    private ProcessBuilder app(String app, Path log) {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", ROOT.resolve(app + "/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap());
        builder.environment().put("HTTP_HOST", "127.0.0.1");
        return builder;
    }

    /** Starts {@code builder}'s app; {@link #close()} stops it. */
    private Process launch(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        apps.add(process);
        return process;
    }

    /** Starts producer-app on {@code port}, the collector open to every caller and the generator off. */
    Process startProducer(int port, Path log) throws IOException {
        ProcessBuilder builder = app("producer-app", log);
        Map<String, String> env = builder.environment();
        env.put("PRODUCER_PORT", Integer.toString(port));
        env.put("STOREPULSE_GENERATOR_RATE", "0");
        return launch(builder);
    }

    /**
     * Starts processor-app on {@code port} with its Kafka Streams state in {@code state}, output to {@code log}.
     * The process is the JVM itself, not a shell, so {@link Process#destroyForcibly()} is a SIGKILL to it.
     */
    Process startProcessor(int port, Path state, Path log) throws IOException {
        ProcessBuilder builder = app("processor-app", log);
        Map<String, String> env = builder.environment();
        env.put("PROCESSOR_PORT", Integer.toString(port));
        env.put("PROCESSOR_ADVERTISED_HOST", "127.0.0.1");
        env.put("KAFKA_STREAMS_STATE_DIR", state.toString());
        String s3 = stack.endpoints().get("s3");
        if (s3 == null) {
            // No store in this stack: the archiver would only wait for one.
            env.put("STOREPULSE_ARCHIVE_ENABLED", "false");
        } else {
            env.put("S3_ENDPOINT", s3);
            // The plain store checks no signature: any keys do, made up here so none is written down.
            env.put("AWS_ACCESS_KEY_ID", madeUpSecret());
            env.put("AWS_SECRET_ACCESS_KEY", madeUpSecret());
        }
        env.putAll(processorEnv);
        return launch(builder);
    }

    /**
     * Starts serving-api on {@code port}, asking the processors at {@code processorUrls} (comma-separated), with
     * {@code apiKey} as its only key (every role). Redis is the stack's when it has one, otherwise a port nothing
     * listens on: only the features endpoint needs Redis, and it is not part of readiness.
     */
    Process startServing(int port, String processorUrls, String apiKey, Path log) throws IOException {
        ProcessBuilder builder = app("serving-api", log);
        Map<String, String> env = builder.environment();
        env.put("REDIS_URL", stack.endpoints().getOrDefault("redis", "redis://127.0.0.1:" + freePort()));
        env.put("SERVING_PORT", Integer.toString(port));
        env.put("STOREPULSE_PROCESSOR_URLS", processorUrls);
        env.put("STOREPULSE_API_KEY", apiKey);
        return launch(builder);
    }

    /** Starts processor-app on a free port (see {@link #startProcessor}) and waits until it is ready. */
    Process startReadyProcessor(Path state, Path log) throws IOException, InterruptedException {
        return startReadyProcessor(freePort(), state, log);
    }

    /** Starts processor-app on {@code port} (see {@link #startProcessor}) and waits until it is ready. */
    Process startReadyProcessor(int port, Path state, Path log) throws IOException, InterruptedException {
        Process processor = startProcessor(port, state, log);
        awaitReady(port);
        return processor;
    }

    /** What {@link #runUninterrupted} sent, and how long after its start the processor was ready and caught up. */
    record UninterruptedRun(List<ProducedRecord> produced, Duration ready, Duration caughtUp) {
    }

    /**
     * Starts one processor with its state under {@code work}, sends {@code feed} meanwhile and waits until the
     * processor, never stopped, has caught up with all of it.
     */
    UninterruptedRun runUninterrupted(TrafficFeed feed, Path work, Duration timeout) throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        int port = freePort();
        Process processor = startProcessor(port, work.resolve("state"), work.resolve("processor.log"));
        CompletableFuture<List<ProducedRecord>> sending = feed.start();
        awaitReady(port);
        Duration ready = Duration.ofNanos(System.nanoTime() - started);
        List<ProducedRecord> produced = sending.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        try (ProcessorLag lag = new ProcessorLag(bootstrap())) {
            lag.awaitCaughtUp(processor, Duration.ofNanos(deadline - System.nanoTime()));
        }
        return new UninterruptedRun(produced, ready, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Waits until the app on {@code port} reports ready (for a processor: its Kafka Streams instance is RUNNING). */
    static void awaitReady(int port) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(500);
        }
        throw new AssertionError("app on port " + port + " not ready within " + READY_TIMEOUT.toSeconds() + " s");
    }

    /** A free port outside the ephemeral range ({@link FreePorts}). */
    /** A GET of {@code url} with a 5 s timeout; a request that reaches no server answers with status -1. */
    static HttpResponse<String> get(HttpClient client, String url) throws InterruptedException {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new FailedResponse();
        }
    }

    /** A credential made up for one run (an API key, a placeholder S3 key), so that none is written down. */
    static String madeUpSecret() {
        return "run-" + UUID.randomUUID();
    }

    static int freePort() {
        return FreePorts.next();
    }

    /** Stops the servers (the broker first of all) and leaves the apps running. */
    void stopServers() {
        if (!serversStopped) {
            serversStopped = true;
            stack.close();
        }
    }

    @Override
    public void close() {
        apps.forEach(Process::destroyForcibly);
        stopServers();
    }

    /** A request that reached no server: counts as not answered. */
    private static final class FailedResponse implements HttpResponse<String> {
        @Override public int statusCode() { return -1; }
        @Override public HttpRequest request() { return null; }
        @Override public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        @Override public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
        @Override public String body() { return ""; }
        @Override public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        @Override public URI uri() { return null; }
        @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
