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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Redis server from the system's {@code redis-server} (or {@code $REDIS_SERVER_BINARY}), persisted with AOF. */
final class RedisServer extends ProcessServer {

    static final String BINARY_ENV = "REDIS_SERVER_BINARY";


    private final StackSecrets secrets;

    /** {@code secrets} null: plain TCP, no password; otherwise TLS only, the default user off, one ACL user. */
    RedisServer(StackConfig config, StackSecrets secrets) {
        super(config);
        this.secrets = secrets;
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
        String binary = findBinary(config.dataDir().resolve("bin"));
        Path dir = config.dataDir().resolve("redis");
        Files.createDirectories(dir);
        Path logFile = config.dataDir().resolve("logs/redis.log");
        List<String> command = new ArrayList<>(List.of(binary));
        if (secrets != null) {
            command.add(securedConfig(dir).toString());
        } else {
            command.addAll(List.of("--port", Integer.toString(config.redisPort())));
        }
        command.addAll(List.of("--bind", StackConfig.HOST, "--dir", dir.toString(), "--appendonly", "yes",
                "--save", "", "--daemonize", "no", "--protected-mode", "yes"));
        process = ChildProcess.start(name(), ChildProcess.dyingWithStdin(command), logFile);
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

    /**
     * The secured server's configuration file (its ACL user's password is in it, so only its owner may read it):
     * TLS on the port and no plaintext port, clients need not present a certificate, and the one user the apps log
     * in as may run every command; the password-less default user is off.
     */
    private Path securedConfig(Path dir) throws IOException {
        Path file = dir.resolve("redis-secured.conf");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, String.join("\n",
                "port 0",
                "tls-port " + config.redisPort(),
                "tls-cert-file " + secrets.serverCertPem(),
                "tls-key-file " + secrets.serverKeyPem(),
                "tls-ca-cert-file " + secrets.caPem(),
                "tls-auth-clients no",
                "user default off",
                "user " + StackSecrets.REDIS_USER + " on >" + secrets.redisPassword() + " ~* &* +@all",
                ""));
        return file;
    }

    /** {@code $REDIS_SERVER_BINARY}, else the system's redis-server, else the one the embedded-redis jar ships. */
    static String findBinary(Path extractTo) throws IOException {
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
        return bundledBinary(extractTo);
    }

    static String bundledBinary(Path extractTo) throws IOException {
        String resource = bundledResource(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (resource == null) {
            throw new IllegalStateException("no redis-server found and none bundled for this platform: install one "
                    + "(Debian/Ubuntu: apt-get install redis-server), set " + BINARY_ENV
                    + ", or point the apps at an existing Redis with REDIS_URL");
        }
        Path binary = extractTo.resolve(resource);
        if (!Files.isExecutable(binary)) {
            Files.createDirectories(extractTo);
            try (InputStream in = RedisServer.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled " + resource + " is missing from the classpath");
                }
                Path partial = extractTo.resolve(resource + ".part");
                Files.copy(in, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                partial.toFile().setExecutable(true, true);
                Files.move(partial, binary, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        }
        return binary.toString();
    }

    static String bundledResource(String osName, String osArch) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        boolean x64 = osArch.equals("amd64") || osArch.equals("x86_64");
        boolean arm64 = osArch.equals("aarch64") || osArch.equals("arm64");
        if (os.contains("linux")) {
            return x64 ? "redis-server-6.2.6-v5-linux-amd64" : arm64 ? "redis-server-6.2.7-linux-arm64" : null;
        }
        if (os.contains("mac")) {
            return x64 ? "redis-server-6.2.6-v5-darwin-amd64" : arm64 ? "redis-server-6.2.6-v5-darwin-arm64" : null;
        }
        return null;
    }

    /** Whether the server answers: {@code PONG}, or on the secured server (before AUTH) {@code NOAUTH}. */
    private boolean ping() {
        try (Socket socket = secrets == null ? new Socket() : secrets.trustingContext().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(StackConfig.HOST, config.redisPort()), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String reply = new String(in.readNBytes(7), StandardCharsets.US_ASCII);
            return reply.startsWith("+PONG") || (secrets != null && reply.startsWith("-NOAUTH"));
        } catch (IOException e) {
            return false;
        }
    }

}
