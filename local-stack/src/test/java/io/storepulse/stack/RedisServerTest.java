package io.storepulse.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RedisServerTest {

    @Test
    void theBundledBinaryIsExtractedAndRuns(@TempDir Path dir) throws IOException, InterruptedException {
        String resource = RedisServer.bundledResource(System.getProperty("os.name"), System.getProperty("os.arch"));
        org.junit.jupiter.api.Assumptions.assumeTrue(resource != null, "no bundled redis-server for this platform");

        String binary = RedisServer.bundledBinary(dir);
        Process version = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
        assertThat(version.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(new String(version.getInputStream().readAllBytes())).startsWith("Redis server v=");
        assertThat(version.exitValue()).isZero();
    }

    @Test
    void platformsWithoutABundledBinaryGetNone() {
        assertThat(RedisServer.bundledResource("Linux", "amd64")).isEqualTo("redis-server-6.2.6-v5-linux-amd64");
        assertThat(RedisServer.bundledResource("Mac OS X", "aarch64")).isEqualTo("redis-server-6.2.6-v5-darwin-arm64");
        assertThat(RedisServer.bundledResource("Windows 11", "amd64")).isNull();
        assertThat(RedisServer.bundledResource("Linux", "s390x")).isNull();
    }
}
