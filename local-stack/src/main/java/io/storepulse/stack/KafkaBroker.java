package io.storepulse.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) from the Maven Central jars: PLAINTEXT, or
 * secured as {@link SecuredKafka} describes.
 */
final class KafkaBroker extends ProcessServer {

    private final Path home;
    private final StackSecrets secrets;

    /** {@code secrets} is null for the plain broker, the secured broker's CA and passwords otherwise. */
    KafkaBroker(StackConfig config, StackSecrets secrets) {
        super(config);
        this.home = config.dataDir().resolve("kafka");
        this.secrets = secrets;
    }

    /** An admin client's configuration: the bootstrap address, and on the secured broker its super user. */
    Map<String, Object> adminConfig() {
        Map<String, Object> admin = new HashMap<>();
        if (secrets != null) {
            admin.putAll(SecuredKafka.clientConfig(secrets, StackSecrets.ADMIN_USER));
        }
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint());
        return admin;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String endpoint() {
        return config.kafkaBootstrap();
    }

    @Override
    public void start() throws Exception {
        Path logDir = home.resolve("data");
        Path properties = home.resolve("server.properties");
        Files.createDirectories(logDir);
        writeProperties(properties, logDir);
        Path logFile = config.dataDir().resolve("logs/kafka.log");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            List<String> formatArgs = new ArrayList<>(List.of("format", "--standalone", "-t",
                    Uuid.randomUuid().toString(), "-c", properties.toString()));
            if (secrets != null) {
                formatArgs.addAll(SecuredKafka.formatArguments(secrets));
            }
            ChildProcess format = ChildProcess.start("kafka-format", JavaCommand.of("256m", "kafka.tools.StorageTool",
                    formatArgs.toArray(String[]::new)), logFile);
            int exit = format.waitFor(60);
            if (exit != 0) {
                throw new IllegalStateException("formatting the Kafka storage failed (exit " + exit + "), see " + logFile);
            }
        }
        process = ChildProcess.start(name(), JavaCommand.of("1g", "kafka.Kafka", properties.toString()), logFile);
        awaitReady(logFile);
    }

    private void awaitReady(Path logFile) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, Object> admin = adminConfig();
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin client = Admin.create(admin)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited during start-up, see " + logFile);
                }
                try {
                    client.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    Thread.sleep(200);
                }
            }
        }
        throw new IllegalStateException("the Kafka broker did not answer within 60 s, see " + logFile);
    }

    private void writeProperties(Path file, Path logDir) throws IOException {
        String host = StackConfig.HOST;
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", host + ":" + config.kafkaControllerPort());
        String listeners = "PLAINTEXT://" + host + ":" + config.kafkaPort() + ",CONTROLLER://" + host + ":"
                + config.kafkaControllerPort();
        String advertised = "PLAINTEXT://" + host + ":" + config.kafkaPort();
        String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
        if (config.kafkaProxiedPort() != 0) {
            listeners += ",PROXIED://" + host + ":" + config.kafkaProxiedPort();
            advertised += ",PROXIED://" + host + ":" + config.kafkaProxiedAdvertisedPort();
            protocols += ",PROXIED:PLAINTEXT";
        }
        p.setProperty("listeners", listeners);
        p.setProperty("advertised.listeners", advertised);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", protocols);
        if (secrets != null) {
            SecuredKafka.brokerProperties(p, config, secrets);
        }
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("num.partitions", Integer.toString(config.partitions()));
        // One broker: every internal topic has one replica, or exactly-once transactions cannot start.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "8");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "8");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose (TopicCatalog, Kafka Streams): a typo must fail, not create a topic.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("log.retention.hours", "168");
        p.setProperty("log.segment.bytes", Integer.toString(256 * 1024 * 1024));
        Files.deleteIfExists(file);
        // The secured broker's file holds its keystore and SCRAM passwords: readable by its owner only.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "StorePulse local stack: single-node KRaft broker");
        }
    }

}
