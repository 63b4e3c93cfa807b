package io.storepulse.images;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every app's image tarball, opened and started as a container runtime would (src/main/docker/image-smoke.sh): its
 * config, its layers unpacked, its own entrypoint run from them as its user on a read-only root against the local
 * stack until both health checks answer UP, then stopped by SIGTERM. Two broken images show the check fails.
 */
class ImageSmokeTest {

    static final Path REPOSITORY = Path.of(System.getProperty("storepulse.repository", "..")).toAbsolutePath().normalize();
    static final String KIND = System.getProperty("storepulse.image.kind", "jvm");
    static final List<String> APPS = List.of("producer-app", "processor-app", "serving-api");

    static Run everyImage;

    record Run(int exitCode, String output) {
    }

    @BeforeAll
    static void startEveryImage() throws Exception {
        List<String> images = new ArrayList<>();
        for (String app : APPS) {
            images.add(app + ":" + tarball(app));
        }
        everyImage = smoke(images);
    }

    @ParameterizedTest
    @ValueSource(strings = {"producer-app", "processor-app", "serving-api"})
    void imageStartsItsAppAndStopsOnSigterm(String app) {
        assertThat(everyImage.output())
                .contains("image-smoke: " + app + ": user 185:185, port ")
                .contains("image-smoke: " + app + ": /q/health/live UP after ")
                .contains("image-smoke: " + app + ": /q/health/ready UP ")
                .contains("image-smoke: " + app + ": stopped on SIGTERM after ");
    }

    @Test
    void everyImagePasses() {
        assertThat(everyImage.exitCode()).as(everyImage.output()).isZero();
        assertThat(everyImage.output()).contains("image-smoke: 3 of 3 images started their app");
    }

    @Test
    void imageWhoseEntrypointCannotStartTheAppFails(@TempDir Path dir) throws Exception {
        assertBrokenImageFails(dir, "producer-app", "/deployments/quarkus-run.jar", "/deployments/missing.jar",
                "FAIL: producer-app: its entrypoint exited before /q/health/live was UP");
    }

    @Test
    void imageRunningAsRootFails(@TempDir Path dir) throws Exception {
        assertBrokenImageFails(dir, "serving-api", "\"User\":\"185:185\"", "\"User\":\"0:0\"",
                "FAIL: serving-api runs as '0:0', not as a non-root user");
    }

    /** The app's image with {@code from} replaced by {@code to} in its config fails the smoke test with {@code failure}. */
    static void assertBrokenImageFails(Path dir, String app, String from, String to, String failure) throws Exception {
        Path broken = rewriteConfig(tarball(app), dir, from, to);
        Run run = smoke(List.of(app + ":" + broken));
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains(failure);
    }

    static Path tarball(String app) {
        String name = "native".equals(KIND) ? app + "-native-image.tar" : app + "-image.tar";
        Path tarball = REPOSITORY.resolve(app).resolve("target").resolve(name);
        assertThat(tarball).as("built by src/main/docker/build-image.sh " + app).exists();
        return tarball;
    }

    /** A copy of the image with one string of its config (the JSON Jib writes, without spaces) replaced. */
    static Path rewriteConfig(Path tarball, Path dir, String from, String to) throws Exception {
        Path unpacked = Files.createDirectories(dir.resolve("image"));
        assertThat(command(dir, "tar", "-xf", tarball.toString(), "-C", unpacked.toString()).exitCode()).isZero();
        String manifest = Files.readString(unpacked.resolve("manifest.json"), StandardCharsets.UTF_8);
        String configName = manifest.replaceAll("(?s).*\"Config\":\"([^\"]+)\".*", "$1");
        Path config = unpacked.resolve(configName);
        String json = Files.readString(config, StandardCharsets.UTF_8);
        assertThat(json).as("the image config holds " + from).contains(from);
        Files.writeString(config, json.replace(from, to), StandardCharsets.UTF_8);
        Path broken = dir.resolve("broken-image.tar");
        assertThat(command(dir, "tar", "-cf", broken.toString(), "-C", unpacked.toString(), ".").exitCode()).isZero();
        return broken;
    }

    static Run smoke(List<String> images) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(REPOSITORY.resolve("src/main/docker/image-smoke.sh").toString());
        command.addAll(images);
        return command(REPOSITORY, command.toArray(String[]::new));
    }

    static Run command(Path dir, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("image-smoke", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 15 minutes");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.print(output);
            return new Run(process.exitValue(), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
