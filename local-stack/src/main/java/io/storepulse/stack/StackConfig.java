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
 *
 * <p>{@code brokers} KRaft nodes make up the Kafka cluster, each a broker and a voter of the controller quorum. Node
 * {@code n} (from 1) listens on {@code kafkaPort + 2(n-1)} for clients and {@code kafkaControllerPort + 2(n-1)} for
 * the quorum. With three or more, every topic has three replicas and takes a write once two have it
 * ({@code min.insync.replicas=2}).
 */
public record StackConfig(Path dataDir, int kafkaPort, int kafkaControllerPort, int redisPort, int s3Port,
                          int partitions, String bucket, Set<Component> components, boolean secure,
                          int kafkaProxiedPort, int kafkaProxiedAdvertisedPort, int brokers) {

    public static final String HOST = "127.0.0.1";
    public static final String DEFAULT_BUCKET = "storepulse-archive";
    public static final int DEFAULT_PARTITIONS = 8;

    public enum Component { KAFKA, REDIS, S3 }

    /** The most brokers a local cluster may have: ten nodes fill ports up to {@code kafkaPort + 19}. */
    public static final int MAX_BROKERS = 9;

    public StackConfig {
        if (brokers < 1 || brokers > MAX_BROKERS) {
            throw new IllegalArgumentException("a local Kafka cluster has 1 to " + MAX_BROKERS + " brokers, not " + brokers);
        }
        if (brokers > 1 && (secure || kafkaProxiedPort != 0)) {
            throw new IllegalArgumentException("a cluster of " + brokers + " brokers is plaintext without a proxied"
                    + " listener: the secured stack and the proxied listener have one broker");
        }
        if (brokers > 1 && Math.abs(kafkaControllerPort - kafkaPort) % 2 == 0
                && Math.abs(kafkaControllerPort - kafkaPort) < 2 * brokers) {
            throw new IllegalArgumentException("the brokers' client ports (" + kafkaPort + " + 2n) and controller ports ("
                    + kafkaControllerPort + " + 2n) overlap: choose controller ports an odd distance away");
        }
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
        this(dataDir, kafkaPort, kafkaControllerPort, redisPort, s3Port, partitions, bucket, components, secure, 0, 0, 1);
    }

    public static StackConfig defaults(Path dataDir) {
        return new StackConfig(dataDir, 9092, 9093, 6379, 9000, DEFAULT_PARTITIONS, DEFAULT_BUCKET,
                EnumSet.allOf(Component.class), false);
    }

    /** The same stack, secured: Kafka SASL_SSL only with ACLs, Redis over TLS with an ACL user, S3 with keys. */
    public StackConfig secured() {
        return new StackConfig(dataDir, kafkaPort, kafkaControllerPort, redisPort, s3Port, partitions, bucket,
                components, true, 0, 0, brokers);
    }

    /** The same stack with the proxied Kafka listener on {@code port}, advertising {@code advertisedPort}. */
    public StackConfig withProxiedKafka(int port, int advertisedPort) {
        return new StackConfig(dataDir, kafkaPort, kafkaControllerPort, redisPort, s3Port, partitions, bucket,
                components, secure, port, advertisedPort, brokers);
    }

    /** The same stack with a Kafka cluster of {@code count} brokers. */
    public StackConfig withBrokers(int count) {
        return new StackConfig(dataDir, kafkaPort, kafkaControllerPort, redisPort, s3Port, partitions, bucket,
                components, secure, kafkaProxiedPort, kafkaProxiedAdvertisedPort, count);
    }

    /** Node {@code node}'s (from 1) client port. */
    public int kafkaPort(int node) {
        return kafkaPort + 2 * (node - 1);
    }

    /** Node {@code node}'s (from 1) controller port. */
    public int kafkaControllerPort(int node) {
        return kafkaControllerPort + 2 * (node - 1);
    }

    /** Replicas of each topic: three once the cluster has three brokers. */
    public short replication() {
        return (short) Math.min(3, brokers);
    }

    /** Replicas that must have a write before it is acknowledged to an {@code acks=all} producer. */
    public int minInSyncReplicas() {
        return brokers >= 3 ? 2 : 1;
    }

    /** Where a secured stack keeps its CA, certificates and passwords ({@link StackSecrets}). */
    public Path secretsDir() {
        return dataDir.resolve("secrets");
    }

    /** Every broker's client address, comma-separated. */
    public String kafkaBootstrap() {
        StringBuilder bootstrap = new StringBuilder();
        for (int node = 1; node <= brokers; node++) {
            bootstrap.append(node > 1 ? "," : "").append(HOST).append(':').append(kafkaPort(node));
        }
        return bootstrap.toString();
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
