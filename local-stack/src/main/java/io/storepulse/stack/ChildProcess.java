package io.storepulse.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process owned by the stack: output to a log file, stdin a pipe whose end tells the process
 * its owner is gone. {@link #stop()} asks politely (SIGTERM) and kills after a timeout; {@link #kill()} does not ask.
 */
final class ChildProcess {

    private static final long STOP_TIMEOUT_SECONDS = 20;

    private final String name;
    private final Process process;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static ChildProcess start(String name, List<String> command, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            return new ChildProcess(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Wraps a native command so that it dies with the stdin pipe too: a shell waits for the command and
     * kills it when its own stdin (the pipe from the stack) reaches end of file.
     */
    static List<String> dyingWithStdin(List<String> command) {
        StringBuilder quoted = new StringBuilder();
        for (String part : command) {
            quoted.append(" '").append(part.replace("'", "'\\''")).append('\'');
        }
        // A background job of a non-interactive shell reads /dev/null unless told otherwise: hand it the pipe on fd 3.
        String script = "PATH=\"$PATH:/usr/bin:/bin\"; exec 3<&0; trap 'kill $child 2>/dev/null; wait $child' TERM INT;" + quoted + " </dev/null & child=$!;"
                + " (cat <&3 >/dev/null; kill $child 2>/dev/null) & wait $child";
        return List.of("/bin/sh", "-c", script);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int waitFor(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not finish within " + timeoutSeconds + " s");
        }
        return process.exitValue();
    }

    void stop() {
        if (!process.isAlive()) {
            return;
        }
        closeStdin();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL, to the process and whatever it started: a crash, with no chance to close anything. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeStdin() {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.close();
        } catch (IOException e) {
            // Already closed: the process is on its way out.
        }
    }
}
