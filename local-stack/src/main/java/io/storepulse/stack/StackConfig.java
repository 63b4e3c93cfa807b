package io.storepulse.stack;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where the local stack keeps its data, which ports its servers listen on (all on 127.0.0.1), and whether they
 * are secured.
 */
public record StackConfig(Path dataDir, int kafkaPort, int kafkaControllerPort, int redisPort, int s3Port,
                          int partitions, String bucket, Set<Component> components, boolean secure) {

    public static final String HOST = "127.0.0.1";
    public static final String DEFAULT_BUCKET = "storepulse-archive";
    public static final int DEFAULT_PARTITIONS = 8;

    public enum Component { KAFKA, REDIS, S3 }

    public static StackConfig defaults(Path dataDir) {
        return new StackConfig(dataDir, 9092, 9093, 6379, 9000, DEFAULT_PARTITIONS, DEFAULT_BUCKET,
                EnumSet.allOf(Component.class), false);
    }

    /** The same stack, secured: Kafka SASL_SSL only with ACLs, Redis over TLS with an ACL user, S3 with keys. */
    public StackConfig secured() {
        return new StackConfig(dataDir, kafkaPort, kafkaControllerPort, redisPort, s3Port, partitions, bucket,
                components, true);
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
