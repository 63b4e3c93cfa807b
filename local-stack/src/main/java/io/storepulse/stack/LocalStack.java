package io.storepulse.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The local servers: started together (in parallel), stopped together, each restartable alone. */
public final class LocalStack implements AutoCloseable {

    private final StackConfig config;
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final StackSecrets secrets;
    private KafkaBroker kafka;

    public LocalStack(StackConfig config) {
        this.config = config;
        this.secrets = config.secure() ? StackSecrets.loadOrCreate(config.secretsDir()) : null;
        if (config.has(StackConfig.Component.KAFKA)) {
            String clusterId = formattedClusterId(config).orElseGet(() -> Uuid.randomUuid().toString());
            for (int node = 1; node <= config.brokers(); node++) {
                KafkaBroker broker = new KafkaBroker(config, secrets, node, clusterId);
                kafka = kafka == null ? broker : kafka;
                servers.put(broker.name(), broker);
            }
        }
        if (config.has(StackConfig.Component.REDIS)) {
            servers.put("redis", new RedisServer(config, secrets));
        }
        if (config.has(StackConfig.Component.S3)) {
            servers.put("s3", new S3Server(config, secrets));
        }
    }

    /**
     * The cluster id a node of this stack was formatted with before, if any: a node whose data was deleted is
     * formatted into the same cluster as the others, not a new one they would refuse.
     */
    private static Optional<String> formattedClusterId(StackConfig config) {
        for (int node = 1; node <= config.brokers(); node++) {
            Path meta = config.dataDir().resolve(KafkaBroker.name(config, node)).resolve("data/meta.properties");
            if (Files.exists(meta)) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(meta)) {
                    properties.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + meta, e);
                }
                return Optional.ofNullable(properties.getProperty("cluster.id"));
            }
        }
        return Optional.empty();
    }

    public void start() throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(Math.max(1, servers.size()));
        try {
            List<Future<?>> started = new ArrayList<>();
            for (Server server : servers.values()) {
                started.add(starters.submit(() -> {
                    server.start();
                    return null;
                }));
            }
            for (Future<?> future : started) {
                future.get();
            }
        } catch (Exception e) {
            close();
            throw e;
        } finally {
            starters.shutdownNow();
        }
        if (kafka != null) {
            prepareKafka();
        }
        if (secrets != null) {
            AppEnvironment.writeAll(config, secrets);
        }
    }

    private void prepareKafka() throws Exception {
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            if (secrets != null) {
                SecuredKafka.grantApps(admin, secrets);
            }
            TopicCatalog.createMissing(admin, config.partitions(), config.replication());
            TopicCatalog.awaitPartitionsOpen(admin, Duration.ofSeconds(60));
        }
    }

    /**
     * Each server's address, and on a secured stack {@code secrets=<dir>} ({@link StackSecrets}). A cluster of several
     * brokers is {@code kafka=<every broker>} first, then {@code kafka-<node>=<that broker>}.
     */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        if (kafka != null) {
            endpoints.put("kafka", config.kafkaBootstrap());
        }
        servers.forEach((name, server) -> endpoints.putIfAbsent(name, server.endpoint()));
        if (secrets != null) {
            endpoints.put("secrets", secrets.dir().toString());
        }
        return endpoints;
    }

    public void stop(String name) {
        server(name).stop();
    }

    /** Stops one server as a crash would: SIGKILL, no clean shutdown. */
    public void kill(String name) {
        server(name).kill();
    }

    public void restart(String name) throws Exception {
        Server server = server(name);
        if (!server.isRunning()) {
            server.start();
        }
    }

    public boolean isRunning(String name) {
        return server(name).isRunning();
    }

    private Server server(String name) {
        Server server = servers.get(name);
        if (server == null) {
            throw new IllegalArgumentException("unknown server '" + name + "', expected one of " + servers.keySet());
        }
        return server;
    }

    @Override
    public void close() {
        List<Server> reversed = new ArrayList<>(servers.values());
        java.util.Collections.reverse(reversed);
        for (Server server : reversed) {
            server.stop();
        }
    }
}
