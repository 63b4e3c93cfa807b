package io.storepulse.stack;

import org.apache.kafka.clients.admin.Admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            kafka = new KafkaBroker(config, secrets);
            servers.put("kafka", kafka);
        }
        if (config.has(StackConfig.Component.REDIS)) {
            servers.put("redis", new RedisServer(config, secrets));
        }
        if (config.has(StackConfig.Component.S3)) {
            servers.put("s3", new S3Server(config, secrets));
        }
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
            TopicCatalog.createMissing(admin, config.partitions(), (short) 1);
            TopicCatalog.awaitPartitionsOpen(admin, Duration.ofSeconds(60));
        }
    }

    /** Each server's address, and on a secured stack {@code secrets=<dir>} ({@link StackSecrets}). */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        servers.forEach((name, server) -> endpoints.put(name, server.endpoint()));
        if (secrets != null) {
            endpoints.put("secrets", secrets.dir().toString());
        }
        return endpoints;
    }

    public void stop(String name) {
        server(name).stop();
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
