package io.storepulse.system;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs scripts/launcher-smoke.sh: up --detach, health, status, a real event, down, no process left. */
class LauncherIT {

    @Test
    void launcherStartsEverythingAndStopsEverything() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("storepulse.root", "..")).toAbsolutePath().normalize();
        Process smoke = new ProcessBuilder(root.resolve("scripts/launcher-smoke.sh").toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        boolean finished = smoke.waitFor(8, TimeUnit.MINUTES);
        String output = new String(smoke.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println(output);
        if (!finished) {
            smoke.destroyForcibly();
        }

        assertThat(finished).as("the smoke test finished within 8 minutes").isTrue();
        assertThat(output).contains("launcher: ").doesNotContain("FAIL ");
        assertThat(smoke.exitValue()).as("exit code of launcher-smoke.sh").isZero();
    }
}
