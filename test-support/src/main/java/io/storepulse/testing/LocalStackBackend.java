package io.storepulse.testing;

import io.storepulse.stack.LocalStackProcess;
import io.storepulse.stack.StackConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.stream.Stream;

/** The local stack in a child JVM, on free ports and a temporary data directory. */
final class LocalStackBackend implements StackBackend {

    private final Path dataDir;
    private final LocalStackProcess stack;

    LocalStackBackend() {
        try {
            dataDir = Files.createTempDirectory("storepulse-test-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int kafka = FreePorts.next();
        StackConfig config = new StackConfig(dataDir, kafka, FreePorts.next(), FreePorts.next(), FreePorts.next(),
                StackConfig.DEFAULT_PARTITIONS, StackConfig.DEFAULT_BUCKET, EnumSet.allOf(StackConfig.Component.class), false);
        stack = LocalStackProcess.start(config, dataDir.resolve("logs/stack.log"));
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
        stack.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
