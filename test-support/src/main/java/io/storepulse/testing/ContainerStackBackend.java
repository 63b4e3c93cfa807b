package io.storepulse.testing;

import io.storepulse.stack.StackConfig;
import io.storepulse.stack.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.HashMap;
import java.util.Map;

/** Kafka, Redis and s3proxy in containers, for machines with a Docker engine. */
final class ContainerStackBackend implements StackBackend {

    private static final int REDIS_PORT = 6379;
    private static final int S3_PORT = 80;

    private final KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.1"))
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    private final GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7.4-alpine"))
            .withExposedPorts(REDIS_PORT);
    private final GenericContainer<?> s3 = new GenericContainer<>(DockerImageName.parse("andrewgaul/s3proxy:4.1.0"))
            .withEnv("S3PROXY_AUTHORIZATION", "none")
            .withExposedPorts(S3_PORT)
            .waitingFor(Wait.forListeningPort());

    ContainerStackBackend() {
        kafka.start();
        redis.start();
        s3.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap()))) {
            TopicCatalog.createMissing(admin, StackConfig.DEFAULT_PARTITIONS, (short) 1);
            TopicCatalog.awaitPartitionsOpen(admin, java.time.Duration.ofSeconds(60));
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot create the topics: " + e.getMessage(), e);
        }
    }

    @Override
    public String kafkaBootstrap() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String redisUrl() {
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(REDIS_PORT);
    }

    @Override
    public String s3Endpoint() {
        return "http://" + s3.getHost() + ":" + s3.getMappedPort(S3_PORT);
    }

    @Override
    public Map<String, String> appProperties(String app) {
        return Map.of();
    }

    @Override
    public Map<String, Object> kafkaClientConfig() {
        return new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap()));
    }

    // Pausing keeps the mapped ports, which a stop and start would change under the apps' feet.
    @Override
    public void stopKafka() {
        kafka.getDockerClient().pauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void resumeKafka() {
        kafka.getDockerClient().unpauseContainerCmd(kafka.getContainerId()).exec();
    }

    @Override
    public void stopRedis() {
        redis.getDockerClient().pauseContainerCmd(redis.getContainerId()).exec();
    }

    @Override
    public void resumeRedis() {
        redis.getDockerClient().unpauseContainerCmd(redis.getContainerId()).exec();
    }

    @Override
    public void stopS3() {
        s3.getDockerClient().pauseContainerCmd(s3.getContainerId()).exec();
    }

    @Override
    public void resumeS3() {
        s3.getDockerClient().unpauseContainerCmd(s3.getContainerId()).exec();
    }

    @Override
    public void close() {
        s3.stop();
        redis.stop();
        kafka.stop();
    }
}
