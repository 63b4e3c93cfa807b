package io.storepulse.testing;

import io.storepulse.stack.AppEnvironment;
import io.storepulse.stack.BlackholeProxy;
import io.storepulse.stack.FreePorts;
import io.storepulse.stack.LocalStackProcess;
import io.storepulse.stack.SecuredKafka;
import io.storepulse.stack.StackConfig;
import io.storepulse.stack.StackSecrets;
import org.apache.kafka.clients.CommonClientConfigs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local stack in a child JVM, on free ports and a temporary data directory; secured ({@code up --secure}'s
 * stack: SASL_SSL and ACLs, Redis over TLS with a user, signed S3) when asked.
 */
final class LocalStackBackend implements StackBackend {

    private final Path dataDir;
    private final StackConfig config;
    private final LocalStackProcess stack;
    private final StackSecrets secrets;
    private final BlackholeProxy kafkaProxy;

    /** {@code brokers}: the Kafka cluster's size; more than one only on the plain stack, without the proxy. */
    LocalStackBackend(boolean secure, int brokers) {
        try {
            dataDir = Files.createTempDirectory("storepulse-test-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Each broker takes a client port and, right after it, its controller's.
        int kafka = FreePorts.block(2 * brokers);
        StackConfig plain = new StackConfig(dataDir, kafka, kafka + 1, FreePorts.next(), FreePorts.next(),
                StackConfig.DEFAULT_PARTITIONS, StackConfig.DEFAULT_BUCKET, EnumSet.allOf(StackConfig.Component.class),
                secure).withBrokers(brokers);
        if (secure || brokers > 1) {
            config = plain;
            kafkaProxy = null;
        } else {
            // A second listener, reached only through a proxy of this JVM, for the tests that cut the link to Kafka.
            int proxied = FreePorts.next();
            kafkaProxy = new BlackholeProxy(FreePorts.next(), () -> new InetSocketAddress(StackConfig.HOST, proxied));
            config = plain.withProxiedKafka(proxied, kafkaProxy.port());
        }
        stack = LocalStackProcess.start(config, dataDir.resolve("logs/stack.log"));
        secrets = secure ? StackSecrets.load(Path.of(stack.endpoints().get("secrets"))) : null;
    }

    @Override
    public BlackholeProxy kafkaProxy() {
        return hasKafkaProxy() ? kafkaProxy : StackBackend.super.kafkaProxy();
    }

    @Override
    public boolean hasKafkaProxy() {
        return kafkaProxy != null;
    }

    @Override
    public Map<String, String> appProperties(String app) {
        return secrets == null ? Map.of() : SecuredAppProperties.of(AppEnvironment.of(app, config, secrets));
    }

    @Override
    public Map<String, Object> kafkaClientConfig() {
        Map<String, Object> client = new HashMap<>();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
        if (secrets != null) {
            client.putAll(SecuredKafka.clientConfig(secrets, StackSecrets.ADMIN_USER));
        }
        return client;
    }

    @Override
    public String kafkaBootstrap() {
        return stack.endpoints().get("kafka");
    }

    @Override
    public String redisUrl() {
        return stack.endpoints().get("redis");
    }

    @Override
    public String s3Endpoint() {
        return stack.endpoints().get("s3");
    }

    @Override
    public void stopKafka() {
        stack.stopServer("kafka");
    }

    @Override
    public void resumeKafka() {
        stack.startServer("kafka");
    }

    @Override
    public void stopRedis() {
        stack.stopServer("redis");
    }

    @Override
    public void resumeRedis() {
        stack.startServer("redis");
    }

    @Override
    public void stopS3() {
        stack.stopServer("s3");
    }

    @Override
    public void resumeS3() {
        stack.startServer("s3");
    }

    @Override
    public void close() {
        if (kafkaProxy != null) {
            kafkaProxy.close();
        }
        stack.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
