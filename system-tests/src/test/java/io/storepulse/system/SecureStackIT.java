package io.storepulse.system;

import io.storepulse.stack.FreePorts;
import io.storepulse.model.Topics;
import io.storepulse.model.kafka.KafkaAccess;
import io.storepulse.stack.SecuredKafka;
import io.storepulse.stack.StackSecrets;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole pipeline as {@code ./storepulse up --secure} starts it: Kafka with SASL_SSL only and ACLs, Redis over
 * TLS with an ACL user, S3 with keys. An event goes from the collector to every reader; the broker refuses what an
 * app may not do and clients without credentials; a wrong password makes an app unready and says why; no secret
 * reaches a log file or a metric.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureStackIT {

    private static final Path ROOT = Path.of(System.getProperty("storepulse.root", "..")).toAbsolutePath().normalize();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path home;
    private Map<String, String> ports;
    private StackSecrets secrets;
    private String apiKey;
    private String internalKey;
    private final List<Process> extraApps = new ArrayList<>();

    @BeforeAll
    void startSecuredPipeline() throws Exception {
        home = Files.createTempDirectory("storepulse-secure-it-");
        ports = new HashMap<>();
        for (String name : List.of("SERVING_PORT", "PRODUCER_PORT", "PROCESSOR_PORT", "KAFKA_PORT", "REDIS_PORT",
                "S3_PORT")) {
            // The broker's controller listens on KAFKA_PORT + 1.
            ports.put(name, Integer.toString(name.equals("KAFKA_PORT") ? FreePorts.block(2) : FreePorts.next()));
        }
        Path log = home.resolve("up.out");
        Process up = launcher("up", "--secure", "--detach", "--rate", "0").redirectOutput(log.toFile()).start();
        boolean finished = up.waitFor(8, TimeUnit.MINUTES);
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("./storepulse up --secure finished within 8 minutes").isTrue();
        assertThat(up.exitValue()).as("exit status of ./storepulse up --secure").isZero();
        secrets = StackSecrets.load(home.resolve("data-secure/secrets"));
        apiKey = Files.readString(home.resolve("api-key")).strip();
        internalKey = Files.readString(home.resolve("internal-key")).strip();
    }

    @AfterAll
    void stopPipeline() throws Exception {
        extraApps.forEach(Process::destroyForcibly);
        if (home != null) {
            launcher("down", "--wipe").redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(3, TimeUnit.MINUTES);
        }
    }

    @Test
    @Order(1)
    void anEventReachesSessionsFeaturesAlertsTheStreamAndTheArchive() throws Exception {
        String user = "secure-u1";
        CompletableFuture<String> streamed = CompletableFuture.supplyAsync(() -> firstStreamedAlertOf(user));
        Instant time = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        String purchase = "[{\"type\":\"purchase\",\"event_id\":\"secure-p1\",\"user_id\":\"" + user + "\","
                + "\"session_id\":\"s-1\",\"order_id\":\"o-1\",\"items\":[{\"product_id\":\"p-secure\",\"quantity\":1,"
                + "\"unit_price\":6000.00}],\"amount\":6000.00,\"currency\":\"USD\",\"payment_method\":\"CREDIT_CARD\","
                + "\"card_fingerprint\":\"f-1\",\"ip_address\":\"203.0.113.7\",\"country\":\"US\","
                + "\"device_type\":\"DESKTOP\",\"event_time\":\"" + time + "\"}]";
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(url("PRODUCER_PORT", "/v1/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(purchase)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as("collector answer: %s", posted.body()).isEqualTo(202);

        assertThat(awaitBody("/v1/users/" + user + "/sessions", body -> body.contains("\"purchases\":1")))
                .as("the session, from the processor's state over Kafka SASL_SSL").contains("\"revenue\":6000");
        assertThat(awaitBody("/v1/users/" + user + "/features", body -> body.contains("\"purchases_24h\":1")))
                .as("the features, from Redis over TLS as the ACL user").contains("\"spend_24h\":6000");
        assertThat(awaitBody("/v1/fraud/alerts?limit=50", body -> body.contains(user)))
                .as("the alert list, read with serving-api's SCRAM user").contains("AMOUNT_SPIKE");
        assertThat(streamed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the SSE stream").contains("AMOUNT_SPIKE");
        Path purchases = home.resolve("data-secure/s3/blobs/storepulse-archive/" + Topics.PURCHASE_EVENTS);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && parquetFiles(purchases) == 0) {
            Thread.sleep(1000);
        }
        assertThat(parquetFiles(purchases)).as("archive objects the processor wrote with the S3 keys").isPositive();
    }

    @Test
    @Order(2)
    void theBrokerRefusesWhatAnAppMayNotDo() {
        try (KafkaProducer<String, byte[]> producer = producerAs(KafkaAccess.PRODUCER.principal())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.FRAUD_ALERTS, "k", new byte[1]))
                    .get(30, TimeUnit.SECONDS))
                    .as("the producer's user writing fraud-alerts").hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaProducer<String, byte[]> serving = producerAs(KafkaAccess.SERVING.principal())) {
            for (String topic : List.of(Topics.CLICK_EVENTS, Topics.FRAUD_ALERTS, Topics.USER_FEATURES)) {
                assertThatThrownBy(() -> serving.send(new ProducerRecord<>(topic, "k", new byte[1]))
                        .get(30, TimeUnit.SECONDS))
                        // Refused as a write to the topic or, having no write anywhere, as an idempotent producer.
                        .as("serving-api's user writing %s", topic).hasCauseInstanceOf(AuthorizationException.class);
            }
        }
        try (KafkaProducer<String, byte[]> producer = producerAs(KafkaAccess.PRODUCER.principal())) {
            assertThat(producer.send(new ProducerRecord<>(Topics.GROUND_TRUTH_FRAUD, "k", new byte[1])))
                    .as("the producer's user writing what it may").succeedsWithin(Duration.ofSeconds(30));
        }
    }

    @Test
    @Order(3)
    void plaintextAndUnsignedClientsAreRefused() throws Exception {
        Map<String, Object> plaintext = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(plaintext)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .as("a PLAINTEXT client of the SASL_SSL listener").isInstanceOfAny(ExecutionException.class,
                            java.util.concurrent.TimeoutException.class);
        }
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports.get("S3_PORT") + "/storepulse-archive?list-type=2")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).as("an unsigned S3 request: %s", unsigned.body()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void theProcessorsInternalEndpointsTakeOnlyTheInternalKey() throws Exception {
        URI instances = url("PROCESSOR_PORT", "/internal/v1/instances");
        for (String authorization : List.of("", "Bearer " + apiKey, "Bearer wrong")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(instances).header("Accept", "text/plain");
            if (!authorization.isEmpty()) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> refused = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as("/internal/v1 with '%s'", authorization.isEmpty() ? "no credential"
                    : authorization.startsWith("Bearer wrong") ? "a wrong key" : "the API key").isEqualTo(401);
        }
        HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(instances)
                .header("Authorization", "Bearer " + internalKey).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).as("/internal/v1 with the internal key: %s", allowed.body()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void aWrongPasswordMakesTheAppUnreadyAndNamesTheCause() throws Exception {
        int port = FreePorts.next();
        Path log = home.resolve("logs/producer-wrong-password.log");
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap());
        env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        String wrong = "not-the-password-" + System.nanoTime();
        env.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + KafkaAccess.PRODUCER.principal() + "\" password=\"" + wrong + "\";");
        env.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
        env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", secrets.caPem().toString());
        env.put("PRODUCER_PORT", Integer.toString(port));
        env.put("STOREPULSE_GENERATOR_RATE", "0");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", ROOT.resolve("producer-app/target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KAFKA_") || name.startsWith("STOREPULSE_"));
        builder.environment().putAll(env);
        Process app = builder.start();
        extraApps.add(app);
        String ready = "";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && !Files.readString(log).contains("Authentication failed")) {
            Thread.sleep(500);
        }
        try {
            ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertThat(output).as("the app's log names the cause").contains("Authentication failed");
        assertThat(ready).as("readiness with a wrong password").contains("DOWN");
        assertThat(output + ready).as("the log and the health answer never show the password").doesNotContain(wrong);
    }

    @Test
    @Order(6)
    void noSecretInAnyLogFileOrMetric() throws Exception {
        List<String> secretValues = new ArrayList<>(secrets.allSecrets());
        secretValues.add(apiKey);
        secretValues.add(internalKey);
        StringBuilder everything = new StringBuilder();
        for (Path dir : List.of(home.resolve("logs"), home.resolve("data-secure/logs"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    everything.append(Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        for (String app : List.of("SERVING_PORT", "PRODUCER_PORT", "PROCESSOR_PORT")) {
            everything.append(http.send(HttpRequest.newBuilder(url(app, "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }
        assertThat(everything.length()).as("log and metric text read").isGreaterThan(10_000);
        for (String secret : secretValues) {
            assertThat(everything.indexOf(secret)).as("a secret of %d characters found in a log or a metric",
                    secret.length()).isEqualTo(-1);
        }
    }

    private KafkaProducer<String, byte[]> producerAs(String user) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        config.putAll(SecuredKafka.clientConfig(secrets, user));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private String firstStreamedAlertOf(String user) {
        HttpRequest request = HttpRequest.newBuilder(url("SERVING_PORT", "/v1/fraud/alerts/stream"))
                .header("Authorization", "Bearer " + apiKey).header("Accept", "text/event-stream").build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:") && line.contains(user)) {
                        return line;
                    }
                }
            }
            return "the stream ended without an alert of " + user;
        } catch (IOException | InterruptedException e) {
            return "the stream failed: " + e;
        }
    }

    private String awaitBody(String path, Predicate<String> done) throws Exception {
        String body = "";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("SERVING_PORT", path))
                    .header("Authorization", "Bearer " + apiKey).build(), HttpResponse.BodyHandlers.ofString());
            body = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && done.test(response.body())) {
                return response.body();
            }
            Thread.sleep(500);
        }
        return body;
    }

    private static long parquetFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".parquet")).count();
        }
    }

    private ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("storepulse").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeAll(List.of("KAFKA_BOOTSTRAP_SERVERS", "REDIS_URL", "S3_ENDPOINT", "STOREPULSE_API_KEY"));
        env.put("STOREPULSE_HOME", home.toString());
        env.putAll(ports);
        return builder;
    }

    private String bootstrap() {
        return "127.0.0.1:" + ports.get("KAFKA_PORT");
    }

    private URI url(String portName, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(portName) + path);
    }

}
