package io.storepulse.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.storepulse.stack.BlackholeProxy;
import io.storepulse.stack.StackConfig;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The one test resource of every StorePulse integration test: real Kafka (KRaft), Redis and S3 servers with
 * the contract's topics. Runs them in containers where a Docker engine answers and as the local stack
 * elsewhere; {@code -Dstorepulse-test.stack=local|containers} (or {@code STOREPULSE_TEST_STACK}) forces one.
 * {@code -Dstorepulse-test.stack.secure=true} (or {@code STOREPULSE_TEST_STACK_SECURE=true}) runs the same tests
 * against the secured local stack ({@code ./storepulse up --secure}): the app under test gets its own credentials,
 * as the launcher gives them, and the tests' own Kafka clients ({@link #kafkaClientConfig()}) the administrator's.
 * {@code -Dstorepulse-test.stack.brokers=3} (or {@code STOREPULSE_TEST_STACK_BROKERS=3}) runs them against a local
 * cluster of three brokers ({@code ./storepulse up --brokers 3}), plain and without the proxied listener.
 * The properties are named {@code storepulse-test.*}, not {@code storepulse.*}: failsafe hands them to the app's JVM
 * too, and each app's {@code storepulse} configuration mapping refuses a system property under it that it does not know.
 */
public class StorePulseTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * The property holding the address of the proxy in front of Kafka, on the plain local stack only. A test profile
     * sets {@code kafka.bootstrap.servers=${storepulse-test.kafka.proxied-bootstrap}}; then {@link #kafkaProxy()}
     * black-holes the app's every connection to the broker while the tests' own clients keep theirs.
     */
    public static final String PROXIED_KAFKA = "storepulse-test.kafka.proxied-bootstrap";

    private static volatile StackBackend backend;

    private String app;

    /** {@code app} (an init argument) names the app under test; by default its {@code quarkus.application.name}. */
    @Override
    public void init(Map<String, String> initArgs) {
        app = initArgs.get("app");
    }

    @Override
    public Map<String, String> start() {
        boolean secure = secure();
        if (secure && explicitStack() != null && useContainers()) {
            throw new IllegalArgumentException("storepulse-test.stack.secure runs the local stack only; "
                    + "drop storepulse-test.stack=containers");
        }
        int brokers = brokers();
        if (brokers > 1 && (secure || explicitStack() != null && useContainers())) {
            throw new IllegalArgumentException("storepulse-test.stack.brokers=" + brokers + " runs the plain local stack "
                    + "only; drop storepulse-test.stack.secure and storepulse-test.stack=containers");
        }
        backend = secure || brokers > 1 || !useContainers() ? new LocalStackBackend(secure, brokers)
                : new ContainerStackBackend();
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", backend.kafkaBootstrap());
        properties.put("quarkus.redis.hosts", backend.redisUrl());
        properties.put("quarkus.s3.endpoint-override", backend.s3Endpoint());
        if (backend.hasKafkaProxy()) {
            // For a test profile that cuts the app's link to Kafka: kafka.bootstrap.servers=${this} (see kafkaProxy()).
            properties.put(PROXIED_KAFKA, StackConfig.HOST + ":" + backend.kafkaProxy().port());
        }
        // On a secured stack these carry the credentials, and the Redis URL with its user replaces the plain one.
        properties.putAll(backend.appProperties(app == null ? applicationName() : app));
        return properties;
    }

    @Override
    public void stop() {
        StackBackend running = backend;
        backend = null;
        if (running != null) {
            running.close();
        }
    }

    public static String kafkaBootstrap() {
        return running().kafkaBootstrap();
    }

    /** A Kafka client's settings for the tests' own clients: the address, and the administrator's login if secured. */
    public static Map<String, Object> kafkaClientConfig() {
        return running().kafkaClientConfig();
    }

    public static String redisUrl() {
        return running().redisUrl();
    }

    public static String s3Endpoint() {
        return running().s3Endpoint();
    }

    /** The proxy between the broker and the apps that bootstrap at {@link #PROXIED_KAFKA}: plain local stack only. */
    public static BlackholeProxy kafkaProxy() {
        return running().kafkaProxy();
    }

    /** Whether this stack has {@link #kafkaProxy()}. */
    public static boolean hasKafkaProxy() {
        return running().hasKafkaProxy();
    }

    /** Makes the broker unreachable, as an outage would; {@link #resumeKafka()} brings it back with its data. */
    public static void stopKafka() {
        running().stopKafka();
    }

    public static void resumeKafka() {
        running().resumeKafka();
    }

    public static void stopRedis() {
        running().stopRedis();
    }

    public static void resumeRedis() {
        running().resumeRedis();
    }

    /** Makes the S3 store unreachable; {@link #resumeS3()} brings it back with its objects. */
    public static void stopS3() {
        running().stopS3();
    }

    public static void resumeS3() {
        running().resumeS3();
    }

    private static StackBackend running() {
        StackBackend current = backend;
        if (current == null) {
            throw new IllegalStateException("the StorePulse test stack is not running");
        }
        return current;
    }

    static boolean secure() {
        String choice = System.getProperty("storepulse-test.stack.secure", System.getenv("STOREPULSE_TEST_STACK_SECURE"));
        if (choice == null || choice.isBlank() || choice.equalsIgnoreCase("false")) {
            return false;
        }
        if (choice.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException("storepulse-test.stack.secure must be true or false, was " + choice);
    }

    /** The brokers of the local test stack's Kafka cluster: 1 unless {@code storepulse-test.stack.brokers} says more. */
    static int brokers() {
        String choice = System.getProperty("storepulse-test.stack.brokers", System.getenv("STOREPULSE_TEST_STACK_BROKERS"));
        if (choice == null || choice.isBlank()) {
            return 1;
        }
        try {
            int brokers = Integer.parseInt(choice.strip());
            if (brokers >= 1 && brokers <= StackConfig.MAX_BROKERS) {
                return brokers;
            }
        } catch (NumberFormatException e) {
            // Refused below.
        }
        throw new IllegalArgumentException("storepulse-test.stack.brokers must be 1 to " + StackConfig.MAX_BROKERS
                + ", was " + choice);
    }

    private static String explicitStack() {
        return System.getProperty("storepulse-test.stack", System.getenv("STOREPULSE_TEST_STACK"));
    }

    /** The app under test's name, from the {@code application.properties} on its class path. */
    private static String applicationName() {
        Properties properties = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = properties.getProperty("quarkus.application.name");
        if (name == null) {
            throw new IllegalStateException("no quarkus.application.name in application.properties: "
                    + "give the test resource an 'app' init argument");
        }
        return name;
    }

    static boolean useContainers() {
        String choice = explicitStack();
        String mode = choice == null ? "auto" : choice.toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "local" -> false;
            case "containers" -> true;
            case "auto" -> dockerAvailable();
            default -> throw new IllegalArgumentException("storepulse-test.stack must be local, containers or auto, was "
                    + choice);
        };
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
