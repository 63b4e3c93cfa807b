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
 * One KRaft node (combined broker and controller) from the Maven Central jars: PLAINTEXT, or secured as
 * {@link SecuredKafka} describes. Alone it is a single-node cluster whose quorum is formatted with itself as the only
 * voter; one of several ({@link StackConfig#brokers()}) it is a voter of the static quorum of all of them, and they
 * share one cluster id.
 */
final class KafkaBroker extends ProcessServer {

    private final Path home;
    private final StackSecrets secrets;
    private final int node;
    private final String clusterId;

    /**
     * {@code secrets} is null for the plain broker, the secured broker's CA and passwords otherwise; {@code node}
     * counts from 1; {@code clusterId} is the one every node of the cluster is formatted with.
     */
    KafkaBroker(StackConfig config, StackSecrets secrets, int node, String clusterId) {
        super(config);
        this.node = node;
        this.clusterId = clusterId;
        this.home = config.dataDir().resolve(config.brokers() == 1 ? "kafka" : "kafka-" + node);
        this.secrets = secrets;
    }

    /** The name a cluster's node goes by: {@code kafka} alone, {@code kafka-<node>} in a cluster of several. */
    static String name(StackConfig config, int node) {
        return config.brokers() == 1 ? "kafka" : "kafka-" + node;
    }

    /** An admin client's configuration: the bootstrap address, and on the secured broker its super user. */
    Map<String, Object> adminConfig() {
        Map<String, Object> admin = new HashMap<>();
        if (secrets != null) {
            admin.putAll(SecuredKafka.clientConfig(secrets, StackSecrets.ADMIN_USER));
        }
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        return admin;
    }

    @Override
    public String name() {
        return name(config, node);
    }

    /** This node's client address. */
    @Override
    public String endpoint() {
        return StackConfig.HOST + ":" + config.kafkaPort(node);
    }

    @Override
    public void start() throws Exception {
        Path logDir = home.resolve("data");
        Path properties = home.resolve("server.properties");
        Files.createDirectories(logDir);
        writeProperties(properties, logDir);
        Path logFile = config.dataDir().resolve("logs/" + name() + ".log");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            // One node is the only voter of its dynamic quorum; several list the static quorum in their properties.
            List<String> formatArgs = new ArrayList<>(List.of("format", "-t", clusterId, "-c", properties.toString()));
            if (config.brokers() == 1) {
                formatArgs.add(1, "--standalone");
            }
            if (secrets != null) {
                formatArgs.addAll(SecuredKafka.formatArguments(secrets));
            }
            ChildProcess format = ChildProcess.start(name() + "-format", JavaCommand.of("256m", "kafka.tools.StorageTool",
                    formatArgs.toArray(String[]::new)), logFile);
            int exit = format.waitFor(60);
            if (exit != 0) {
                throw new IllegalStateException("formatting the Kafka storage failed (exit " + exit + "), see " + logFile);
            }
        }
        process = ChildProcess.start(name(), JavaCommand.of("1g", "kafka.Kafka", properties.toString()), logFile);
        awaitReady(logFile);
    }

    /** Until this node answers for the cluster (a node of several only once the quorum has a leader). */
    private void awaitReady(Path logFile) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, Object> admin = adminConfig();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin client = Admin.create(admin)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited during start-up, see " + logFile);
                }
                try {
                    if (client.describeCluster().nodes().get(3, TimeUnit.SECONDS).stream()
                            .anyMatch(broker -> broker.id() == node)) {
                        return;
                    }
                } catch (Exception notYet) {
                    // Not answering yet: try again below.
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Kafka broker did not answer within 60 s, see " + logFile);
    }

    private void writeProperties(Path file, Path logDir) throws IOException {
        String host = StackConfig.HOST;
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(node));
        if (config.brokers() == 1) {
            p.setProperty("controller.quorum.bootstrap.servers", host + ":" + config.kafkaControllerPort());
        } else {
            StringBuilder voters = new StringBuilder();
            for (int voter = 1; voter <= config.brokers(); voter++) {
                voters.append(voter > 1 ? "," : "").append(voter).append('@').append(host).append(':')
                        .append(config.kafkaControllerPort(voter));
            }
            p.setProperty("controller.quorum.voters", voters.toString());
        }
        String listeners = "PLAINTEXT://" + host + ":" + config.kafkaPort(node) + ",CONTROLLER://" + host + ":"
                + config.kafkaControllerPort(node);
        String advertised = "PLAINTEXT://" + host + ":" + config.kafkaPort(node);
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
        // Every topic, internal ones and Kafka Streams' included, has as many replicas as the stack says (one on one
        // broker, or exactly-once transactions cannot start) and takes a write once min.insync.replicas have it.
        String replication = Short.toString(config.replication());
        String minInSync = Integer.toString(config.minInSyncReplicas());
        p.setProperty("default.replication.factor", replication);
        p.setProperty("min.insync.replicas", minInSync);
        p.setProperty("offsets.topic.replication.factor", replication);
        p.setProperty("offsets.topic.num.partitions", "8");
        p.setProperty("transaction.state.log.replication.factor", replication);
        p.setProperty("transaction.state.log.min.isr", minInSync);
        p.setProperty("transaction.state.log.num.partitions", "8");
        p.setProperty("share.coordinator.state.topic.replication.factor", replication);
        p.setProperty("share.coordinator.state.topic.min.isr", minInSync);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose (TopicCatalog, Kafka Streams): a typo must fail, not create a topic.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("log.retention.hours", "168");
        p.setProperty("log.segment.bytes", Integer.toString(256 * 1024 * 1024));
        Files.deleteIfExists(file);
        // The secured broker's file holds its keystore and SCRAM passwords: readable by its owner only.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "StorePulse local stack: KRaft node " + node + " of " + config.brokers());
        }
    }

}
