package io.storepulse.processor.lifecycle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StateManifestTest {

    @TempDir
    Path appDir;

    @BeforeEach
    void twoTasks() throws IOException {
        write("0_0/rocksdb/sessions/000007.sst", "sessions of partition 0");
        write("0_0/.checkpoint", "0\n1\nsessions-changelog 0 42\n");
        write("1_1/product-revenue/product-revenue.1796558400000/000008.sst", "revenue of partition 1");
        write("kafka-streams-process-metadata", "process id: not a task");
    }

    @Test
    void anUntouchedDirectoryKeepsEveryTaskAndTheManifestGoes() throws IOException {
        assertThat(StateManifest.write(appDir)).isEqualTo(3);

        assertThat(StateManifest.discardChanged(appDir)).isEmpty();
        assertThat(appDir.resolve("0_0/rocksdb/sessions/000007.sst")).exists();
        assertThat(appDir.resolve("1_1")).exists();
        assertThat(appDir.resolve(StateManifest.FILE)).doesNotExist();
    }

    @Test
    void aTruncatedFileDiscardsItsTaskOnly() throws IOException {
        StateManifest.write(appDir);
        Path table = appDir.resolve("1_1/product-revenue/product-revenue.1796558400000/000008.sst");
        try (RandomAccessFile file = new RandomAccessFile(table.toFile(), "rw")) {
            file.setLength(11);
        }

        assertThat(StateManifest.discardChanged(appDir)).containsExactly(new StateManifest.Discarded("1_1",
                "1_1/product-revenue/product-revenue.1796558400000/000008.sst was 22 bytes, is 11"));
        assertThat(appDir.resolve("1_1")).doesNotExist();
        assertThat(appDir.resolve("0_0/rocksdb/sessions/000007.sst")).hasContent("sessions of partition 0");
    }

    @Test
    void aFileOfTheSameSizeWithOtherBytesIsFoundByItsChecksum() throws IOException {
        StateManifest.write(appDir);
        write("0_0/rocksdb/sessions/000007.sst", "sessions of partition 9");

        assertThat(StateManifest.discardChanged(appDir)).extracting(StateManifest.Discarded::task).containsExactly("0_0");
        assertThat(appDir.resolve("1_1")).exists();
    }

    @Test
    void aMissingFileOrATaskTheStopDidNotLeaveIsDiscarded() throws IOException {
        StateManifest.write(appDir);
        Files.delete(appDir.resolve("0_0/.checkpoint"));
        write("2_0/rocksdb/sessions/000001.sst", "copied from elsewhere");

        assertThat(StateManifest.discardChanged(appDir)).containsExactly(
                new StateManifest.Discarded("0_0", "0_0/.checkpoint is missing"),
                new StateManifest.Discarded("2_0", "2_0/rocksdb/sessions/000001.sst was not there at the clean stop"));
        assertThat(appDir.resolve("0_0")).doesNotExist();
        assertThat(appDir.resolve("2_0")).doesNotExist();
        assertThat(appDir.resolve("1_1")).exists();
    }

    @Test
    void withoutAManifestNothingIsChecked() throws IOException {
        write("0_0/rocksdb/sessions/000007.sst", "changed, but no clean stop recorded it");

        assertThat(StateManifest.discardChanged(appDir)).isEmpty();
        assertThat(appDir.resolve("0_0/rocksdb/sessions/000007.sst")).exists();
    }

    private void write(String path, String content) throws IOException {
        Path file = appDir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
