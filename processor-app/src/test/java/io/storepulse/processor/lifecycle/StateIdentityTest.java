package io.storepulse.processor.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateIdentityTest {

    private static final StateIdentity.Identity MINE = new StateIdentity.Identity("storepulse-processor", "aa11");

    @TempDir
    Path appDir;

    @Test
    void aNewDirectoryIsRecordedAndThenRecognised() throws IOException {
        Path fresh = appDir.resolve("storepulse-processor");
        assertThat(StateIdentity.claim(fresh, MINE)).isEqualTo(StateIdentity.Claim.NEW);
        assertThat(Files.readString(fresh.resolve(StateIdentity.FILE)))
                .isEqualTo("application.id=storepulse-processor\ntopology=aa11\n");
        assertThat(StateIdentity.claim(fresh, MINE)).isEqualTo(StateIdentity.Claim.SAME);
    }

    @Test
    void taskDirectoriesWithoutAnIdentityAreAdoptedAndRecorded() throws IOException {
        Files.createDirectories(appDir.resolve("0_3/rocksdb"));
        assertThat(StateIdentity.claim(appDir, MINE)).isEqualTo(StateIdentity.Claim.ADOPTED);
        assertThat(StateIdentity.claim(appDir, MINE)).isEqualTo(StateIdentity.Claim.SAME);
        assertThat(appDir.resolve("0_3/rocksdb")).isDirectory();
    }

    @Test
    void anotherTopologyIsRefusedNamingBothAndTheReset() throws IOException {
        StateIdentity.claim(appDir, new StateIdentity.Identity("storepulse-processor", "bb22"));
        assertThatThrownBy(() -> StateIdentity.claim(appDir, MINE))
                .isInstanceOf(StateIdentity.RefusedException.class)
                .hasMessageContaining("application id 'storepulse-processor' with topology bb22")
                .hasMessageContaining("topology aa11")
                .hasMessageContaining("Resetting the processor");
        assertThat(Files.readString(appDir.resolve(StateIdentity.FILE))).as("the other identity stays")
                .contains("topology=bb22");
    }

    @Test
    void anotherApplicationIsRefusedPointingAtTheStateDirectorySetting() throws IOException {
        StateIdentity.claim(appDir, new StateIdentity.Identity("shop-b-processor", "aa11"));
        assertThatThrownBy(() -> StateIdentity.claim(appDir, MINE))
                .isInstanceOf(StateIdentity.RefusedException.class)
                .hasMessageContaining("application id 'shop-b-processor'")
                .hasMessageContaining("KAFKA_STREAMS_STATE_DIR");
    }

    @Test
    void anIdentityFileThatSaysNothingIsRefused() throws IOException {
        Files.writeString(appDir.resolve(StateIdentity.FILE), "garbage\n");
        assertThatThrownBy(() -> StateIdentity.claim(appDir, MINE))
                .isInstanceOf(StateIdentity.RefusedException.class)
                .hasMessageContaining("does not say which application and topology");
    }

    @Test
    void theFingerprintFollowsTheDescriptionOnly() {
        String description = "Topologies:\n   Sub-topology: 0\n    Source: click-events-source (topics: [click-events])\n";
        assertThat(StateIdentity.fingerprint(description)).hasSize(32).isEqualTo(StateIdentity.fingerprint(description))
                .isNotEqualTo(StateIdentity.fingerprint(description.replace("click-events-source", "clicks")));
    }
}
