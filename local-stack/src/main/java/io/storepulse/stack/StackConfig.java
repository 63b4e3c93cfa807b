package io.storepulse.stack;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** Where the local stack keeps its data and which ports its servers listen on (all on 127.0.0.1). */
public record StackConfig(Path dataDir, int kafkaPort, int kafkaControllerPort, int redisPort, int s3Port,
                          int partitions, String bucket, Set<Component> components) {

    public static final String HOST = "127.0.0.1";
    public static final String DEFAULT_BUCKET = "storepulse-archive";
    public static final int DEFAULT_PARTITIONS = 8;

    public enum Component { KAFKA, REDIS, S3 }

    public static StackConfig defaults(Path dataDir) {
        return new StackConfig(dataDir, 9092, 9093, 6379, 9000, DEFAULT_PARTITIONS, DEFAULT_BUCKET,
                EnumSet.allOf(Component.class));
    }

    public String kafkaBootstrap() {
        return HOST + ":" + kafkaPort;
    }

    public String redisUrl() {
        return "redis://" + HOST + ":" + redisPort;
    }

    public String s3Endpoint() {
        return "http://" + HOST + ":" + s3Port;
    }

    public boolean has(Component component) {
        return components.contains(component);
    }
}
