package io.storepulse.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChildProcessTest {

    /** A server that takes its time to shut down (Redis writing its append-only file) must be gone when stop returns. */
    @Test
    void stopReturnsOnlyOnceTheWrappedCommandHasExited(@TempDir Path dir) throws Exception {
        Path done = dir.resolve("done");
        String slowShutdown = "trap 'sleep 1; touch " + done + "; exit 0' TERM; while true; do sleep 0.1; done";
        ChildProcess child = ChildProcess.start("slow", ChildProcess.dyingWithStdin(List.of("/bin/sh", "-c", slowShutdown)),
                dir.resolve("slow.log"));
        Thread.sleep(500);

        child.stop();

        assertThat(done).as("the command finished its shutdown before stop returned").exists();
        assertThat(Files.readString(dir.resolve("slow.log"))).doesNotContain("Terminated");
    }
}
