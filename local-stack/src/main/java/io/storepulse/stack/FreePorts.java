package io.storepulse.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Ports for servers and apps started on 127.0.0.1 next to others (tests, smoke runs, a second stack): each one
 * bindable when handed out, never handed out twice by one JVM, and outside the kernel's ephemeral range. Every
 * outgoing connection (a Kafka client's, a browser's) takes its local port from that range, so a port picked there
 * by binding port 0 can be taken by a connection before the server it was meant for binds it.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 65_535;
    private static final int ATTEMPTS = 2_000;
    /** Where the ephemeral range is not readable: Linux's lowest default to the top, which covers macOS and Windows. */
    private static final int[] FALLBACK_EPHEMERAL = {32_768, 65_535};
    private static final int[] EPHEMERAL = ephemeralRange(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));

    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static final SplittableRandom RANDOM = new SplittableRandom();

    private FreePorts() {
    }

    public static int next() {
        return block(1);
    }

    /** The first of {@code count} consecutive free ports (a Kafka broker takes its port and the next for its controller). */
    public static synchronized int block(int count) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = LOWEST + RANDOM.nextInt(HIGHEST - LOWEST - count + 2);
            if (usable(first, count)) {
                for (int port = first; port < first + count; port++) {
                    HANDED_OUT.add(port);
                }
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free consecutive port(s) on 127.0.0.1 between " + LOWEST
                + " and " + HIGHEST + " outside the ephemeral range " + EPHEMERAL[0] + "-" + EPHEMERAL[1]
                + " after " + ATTEMPTS + " attempts");
    }

    private static boolean usable(int first, int count) {
        for (int port = first; port < first + count; port++) {
            if (port >= EPHEMERAL[0] && port <= EPHEMERAL[1] || HANDED_OUT.contains(port) || !bindable(port)) {
                return false;
            }
        }
        return true;
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The kernel's ephemeral port range as {@code file} states it ("low high"), or the fallback when it cannot be read. */
    static int[] ephemeralRange(Path file) {
        try {
            String[] bounds = Files.readString(file).trim().split("\\s+");
            int low = Integer.parseInt(bounds[0]);
            int high = Integer.parseInt(bounds[1]);
            return low <= high ? new int[]{low, high} : FALLBACK_EPHEMERAL.clone();
        } catch (IOException | RuntimeException e) {
            return FALLBACK_EPHEMERAL.clone();
        }
    }
}
