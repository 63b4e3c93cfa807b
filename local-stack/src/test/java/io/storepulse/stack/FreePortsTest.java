package io.storepulse.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void portsAreBindableDistinctAndOutsideTheEphemeralRange() throws IOException {
        int[] ephemeral = FreePorts.ephemeralRange(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.next();
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(port < ephemeral[0] || port > ephemeral[1])
                    .as("port %d outside the ephemeral range %d-%d", port, ephemeral[0], ephemeral[1]).isTrue();
        }
        int port = FreePorts.next();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aBlockIsConsecutiveAndNoneOfItIsHandedOutAgain() {
        int first = FreePorts.block(2);
        Set<Integer> later = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            later.add(FreePorts.next());
        }
        assertThat(later).doesNotContain(first, first + 1);
    }

    @Test
    void theRangeIsReadFromTheKernelFileAndFallsBackWhenItIsMissingOrGarbled(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ip_local_port_range");
        Files.writeString(file, "40000\t50000\n");
        assertThat(FreePorts.ephemeralRange(file)).containsExactly(40_000, 50_000);
        Files.writeString(file, "not a range");
        assertThat(FreePorts.ephemeralRange(file)).containsExactly(32_768, 65_535);
        assertThat(FreePorts.ephemeralRange(dir.resolve("missing"))).containsExactly(32_768, 65_535);
    }
}
