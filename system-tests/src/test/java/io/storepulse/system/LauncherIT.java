package io.storepulse.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs scripts/launcher-smoke.sh: up --detach, health, status, a real event, down, no process left. */
class LauncherIT {

    /** The output goes to a file, not a pipe: a pipe nobody reads while waiting fills up and blocks the script. */
    @Test
    void launcherStartsEverythingAndStopsEverything(@TempDir Path work) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("storepulse.root", "..")).toAbsolutePath().normalize();
        Path log = work.resolve("launcher-smoke.log");
        Process smoke = new ProcessBuilder(root.resolve("scripts/launcher-smoke.sh").toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = smoke.waitFor(8, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        if (!finished) {
            smoke.destroyForcibly();
        }

        assertThat(finished).as("the smoke test finished within 8 minutes").isTrue();
        assertThat(output).contains("launcher: ").doesNotContain("FAIL ");
        assertThat(smoke.exitValue()).as("exit code of launcher-smoke.sh").isZero();
    }
}
