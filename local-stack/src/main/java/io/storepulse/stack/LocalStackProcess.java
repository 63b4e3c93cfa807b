package io.storepulse.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link LocalStackMain} in a child JVM and talks to it over its stdin/stdout. Uses nothing but the JDK, so
 * a test JVM can hold it without the broker's dependencies: the child's classpath comes from the
 * {@value #CLASSPATH_RESOURCE} file written at build time. Closing it (or the owner dying) stops every server.
 */
public final class LocalStackProcess implements AutoCloseable {

    static final String CLASSPATH_RESOURCE = "storepulse/local-stack.classpath";
    private static final long START_TIMEOUT_SECONDS = 120;
    private static final long COMMAND_TIMEOUT_SECONDS = 90;

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> replies;
    private final Map<String, String> endpoints;

    private LocalStackProcess(Process process, BlockingQueue<String> replies, Map<String, String> endpoints,
                              Writer commands) {
        this.process = process;
        this.replies = replies;
        this.endpoints = endpoints;
        this.commands = commands;
    }

    /** Starts the stack with {@code config}'s ports and data directory; returns once every server answers. */
    public static LocalStackProcess start(StackConfig config, Path logFile) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classpath(), LocalStackMain.class.getName(), "--control-stdin",
                "--data-dir", config.dataDir().toString(),
                "--kafka-port", Integer.toString(config.kafkaPort()),
                "--kafka-controller-port", Integer.toString(config.kafkaControllerPort()),
                "--redis-port", Integer.toString(config.redisPort()),
                "--s3-port", Integer.toString(config.s3Port()),
                "--partitions", Integer.toString(config.partitions()),
                "--brokers", Integer.toString(config.brokers()),
                "--bucket", config.bucket(),
                "--only", String.join(",", config.components().stream()
                        .map(component -> component.name().toLowerCase(java.util.Locale.ROOT)).toList())));
        if (config.secure()) {
            command.add("--secure");
        }
        if (config.kafkaProxiedPort() != 0) {
            command.addAll(List.of("--kafka-proxied-port", Integer.toString(config.kafkaProxiedPort()),
                    "--kafka-proxied-advertised-port", Integer.toString(config.kafkaProxiedAdvertisedPort())));
        }
        Process process;
        try {
            Files.createDirectories(logFile.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local stack: " + e.getMessage(), e);
        }
        Writer commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        BlockingQueue<String> replies = new ArrayBlockingQueue<>(1024);
        Thread pump = new Thread(() -> pump(process.getInputStream(), logFile, replies), "local-stack-output");
        pump.setDaemon(true);
        pump.start();
        String ready = awaitLine(replies, process, START_TIMEOUT_SECONDS, "STOREPULSE-STACK");
        if (!ready.startsWith(LocalStackMain.READY)) {
            process.destroyForcibly();
            throw new IllegalStateException("the local stack did not start: " + ready + " (log: " + logFile + ")");
        }
        return new LocalStackProcess(process, replies, parseEndpoints(ready), commands);
    }

    public Map<String, String> endpoints() {
        return endpoints;
    }

    /** Stops one server ({@code kafka}, {@code redis} or {@code s3}) and waits until it is down. */
    public void stopServer(String name) {
        command("stop " + name);
    }

    /** Starts a stopped server again and waits until it answers. */
    /** SIGKILLs one server ({@code kill kafka-2}): a crash, until {@link #startServer}. */
    public void killServer(String name) {
        command("kill " + name);
    }

    public void startServer(String name) {
        command("start " + name);
    }

    private synchronized void command(String command) {
        try {
            replies.clear();
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the local stack is gone: " + e.getMessage(), e);
        }
        String reply = awaitLine(replies, process, COMMAND_TIMEOUT_SECONDS, "OK " + command, "ERR " + command);
        if (!reply.startsWith("OK ")) {
            throw new IllegalStateException("local stack: " + reply);
        }
    }

    @Override
    public void close() {
        try {
            commands.close();
        } catch (IOException e) {
            // The process is already gone.
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, String> parseEndpoints(String readyLine) {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (String part : readyLine.substring(LocalStackMain.READY.length()).strip().split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                endpoints.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return endpoints;
    }

    private static String classpath() {
        StringBuilder classpath = new StringBuilder(ownLocation());
        try (InputStream in = LocalStackProcess.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build the local-stack module first");
            }
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!dependencies.isEmpty()) {
                classpath.append(java.io.File.pathSeparator).append(dependencies);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classpath.toString();
    }

    private static String ownLocation() {
        try {
            return Path.of(LocalStackProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the local-stack classes", e);
        }
    }

    private static void pump(InputStream output, Path logFile, BlockingQueue<String> replies) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                log.write(line + "\n");
                log.flush();
                if (line.startsWith("STOREPULSE-STACK") || line.startsWith("OK ") || line.startsWith("ERR ")) {
                    replies.offer(line);
                }
            }
        } catch (IOException e) {
            // The stack exited; waiters see the process gone.
        }
    }

    private static String awaitLine(BlockingQueue<String> queue, Process process, long timeoutSeconds,
                                    String... prefixes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try {
            while (System.nanoTime() < deadline) {
                String line = queue.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    for (String prefix : prefixes) {
                        if (line.startsWith(prefix)) {
                            return line;
                        }
                    }
                } else if (!process.isAlive()) {
                    throw new IllegalStateException("the local stack exited (code " + process.exitValue() + ")");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("no answer from the local stack within " + timeoutSeconds + " s");
    }
}
