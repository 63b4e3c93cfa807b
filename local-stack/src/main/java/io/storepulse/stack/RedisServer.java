package io.storepulse.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Redis server from the system's {@code redis-server} (or {@code $REDIS_SERVER_BINARY}), persisted with AOF. */
final class RedisServer extends ProcessServer {

    static final String BINARY_ENV = "REDIS_SERVER_BINARY";


    RedisServer(StackConfig config) {
        super(config);
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String endpoint() {
        return config.redisUrl();
    }

    @Override
    public void start() throws Exception {
        String binary = findBinary();
        Path dir = config.dataDir().resolve("redis");
        Files.createDirectories(dir);
        Path logFile = config.dataDir().resolve("logs/redis.log");
        process = ChildProcess.start(name(), ChildProcess.dyingWithStdin(List.of(binary,
                "--bind", StackConfig.HOST, "--port", Integer.toString(config.redisPort()),
                "--dir", dir.toString(), "--appendonly", "yes", "--save", "",
                "--daemonize", "no", "--protected-mode", "yes")), logFile);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited during start-up (port "
                        + config.redisPort() + " in use?), see " + logFile);
            }
            if (ping()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("redis-server did not answer PING within 20 s, see " + logFile);
    }

    static String findBinary() {
        String configured = System.getenv(BINARY_ENV);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File candidate = new File(dir, "redis-server");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (new File(candidate).canExecute()) {
                return candidate;
            }
        }
        throw new IllegalStateException("no redis-server found: install it (Debian/Ubuntu: apt-get install "
                + "redis-server), set " + BINARY_ENV + ", or point the apps at an existing Redis with REDIS_URL");
    }

    private boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(StackConfig.HOST, config.redisPort()), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

}
