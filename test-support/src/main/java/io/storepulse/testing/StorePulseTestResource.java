package io.storepulse.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.testcontainers.DockerClientFactory;

import java.util.Locale;
import java.util.Map;

/**
 * The one test resource of every StorePulse integration test: real Kafka (KRaft), Redis and S3 servers with
 * the contract's topics. Runs them in containers where a Docker engine answers and as the local stack
 * elsewhere; {@code -Dstorepulse.test.stack=local|containers} (or {@code STOREPULSE_TEST_STACK}) forces one.
 */
public class StorePulseTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile StackBackend backend;

    @Override
    public Map<String, String> start() {
        backend = useContainers() ? new ContainerStackBackend() : new LocalStackBackend();
        return Map.of(
                "kafka.bootstrap.servers", backend.kafkaBootstrap(),
                "quarkus.redis.hosts", backend.redisUrl(),
                "quarkus.s3.endpoint-override", backend.s3Endpoint());
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

    public static String redisUrl() {
        return running().redisUrl();
    }

    public static String s3Endpoint() {
        return running().s3Endpoint();
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

    static boolean useContainers() {
        String choice = System.getProperty("storepulse.test.stack", System.getenv("STOREPULSE_TEST_STACK"));
        String mode = choice == null ? "auto" : choice.toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "local" -> false;
            case "containers" -> true;
            case "auto" -> dockerAvailable();
            default -> throw new IllegalArgumentException("storepulse.test.stack must be local, containers or auto, was "
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
