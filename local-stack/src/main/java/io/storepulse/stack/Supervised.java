package io.storepulse.stack;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another class's {@code main} and exits when standard input closes. The stack starts its Java
 * servers through this wrapper with stdin a pipe from itself, so a server never outlives its owner,
 * even when the owner is killed with SIGKILL and runs no shutdown hook.
 */
public final class Supervised {

    private Supervised() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Supervised <main class> [args...]");
            System.exit(2);
        }
        Thread watchdog = new Thread(Supervised::exitWhenStdinCloses, "stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void exitWhenStdinCloses() {
        try (InputStream in = System.in) {
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // Nothing is expected on stdin; only its end matters.
            }
        } catch (IOException e) {
            // A broken pipe means the owner is gone, the same as end of input.
        }
        Thread halter = new Thread(() -> {
            sleep(30_000);
            Runtime.getRuntime().halt(1);
        }, "stdin-watchdog-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
