package io.storepulse.stack;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where the local stack keeps its data, which ports its servers listen on (all on 127.0.0.1), and whether they
 * are secured. {@code kafkaProxiedPort}, when not 0, opens a second plaintext listener on the broker that advertises
 * {@code kafkaProxiedAdvertisedPort}: clients that bootstrap there are sent to that port for every connection, so a
 * proxy listening on it ({@link BlackholeProxy}) stands between them and the broker, while every other client
 * keeps the direct listener.
 */
public record StackConfig(Path dataDir, int kafkaPort, int kafkaControllerPort, int redisPort, int s3Port,
                          int partitions, String bucket, Set<Component> components, boolean secure,
                          int kafkaProxiedPort, int kafkaProxiedAdvertisedPort) {

    public static final String HOST = "127.0.0.1";
    public static final String DEFAULT_BUCKET = "storepulse-archive";
    public static final int DEFAULT_PARTITIONS = 8;

    public enum Component { KAFKA, REDIS, S3 }

    public StackConfig {
        if (secure && kafkaProxiedPort != 0) {
            throw new IllegalArgumentException("a proxied Kafka listener is plaintext: the secured stack has none");
        }
        if ((kafkaProxiedPort == 0) != (kafkaProxiedAdvertisedPort == 0)) {
            throw new IllegalArgumentException("a proxied Kafka listener needs both its port and the port it advertises");
        }
    }

    /** A stack without a proxied Kafka listener. */
    public StackConfig(Path dataDir, int kafkaPort, int kafkaControllerPort, int redisPort, int s3Port,
                       int partitions, String bucket, Set<Component> components, boolean secure) {
        this(dataDir, kafkaPort, kafkaControllerPort, redisPort, s3Port, partitions, bucket, components, secure, 0, 0);
    }

    public static StackConfig defaults(Path dataDir) {
        return new StackConfig(dataDir, 9092, 9093, 6379, 9000, DEFAULT_PARTITIONS, DEFAULT_BUCKET,
                EnumSet.allOf(Component.class), false);
    }

    /** The same stack, secured: Kafka SASL_SSL only with ACLs, Redis over TLS with an ACL user, S3 with keys. */
    public StackConfig secured() {
        return new StackConfig(dataDir, kafkaPort, kafkaControllerPort, redisPort, s3Port, partitions, bucket,
                components, true);
    }

    /** The same stack with the proxied Kafka listener on {@code port}, advertising {@code advertisedPort}. */
    public StackConfig withProxiedKafka(int port, int advertisedPort) {
        return new StackConfig(dataDir, kafkaPort, kafkaControllerPort, redisPort, s3Port, partitions, bucket,
                components, secure, port, advertisedPort);
    }

    /** Where a secured stack keeps its CA, certificates and passwords ({@link StackSecrets}). */
    public Path secretsDir() {
        return dataDir.resolve("secrets");
    }

    public String kafkaBootstrap() {
        return HOST + ":" + kafkaPort;
    }

    public String redisUrl() {
        return (secure ? "rediss://" : "redis://") + HOST + ":" + redisPort;
    }

    public String s3Endpoint() {
        return "http://" + HOST + ":" + s3Port;
    }

    public boolean has(Component component) {
        return components.contains(component);
    }
}
