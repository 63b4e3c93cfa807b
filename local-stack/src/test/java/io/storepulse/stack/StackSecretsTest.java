package io.storepulse.stack;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class StackSecretsTest {

    @Test
    void pemFramesTheBytesInBase64LinesOf64BetweenTheLabelsBeginAndEndLines() {
        byte[] der = new byte[100];
        new Random(3).nextBytes(der);
        String label = "PRIVATE KEY";

        List<String> lines = Arrays.asList(new String(StackSecrets.pem(label, der), StandardCharsets.US_ASCII)
                .split("\n", -1));

        assertThat(lines).hasSize(6); // BEGIN, 64 + 64 + 8 base64 characters, END, and the final newline's ""
        assertThat(lines.get(0)).isEqualTo("-----BEGIN " + label + "-----");
        assertThat(lines.get(4)).isEqualTo("-----END " + label + "-----");
        assertThat(lines.get(5)).isEmpty();
        assertThat(lines.subList(1, 4)).extracting(String::length).containsExactly(64, 64, 8);
        assertThat(Base64.getDecoder().decode(String.join("", lines.subList(1, 4)))).isEqualTo(der);
    }
}
