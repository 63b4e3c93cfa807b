package io.storepulse.system;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The monitoring files in dashboards/: the alert rules load and pass their promtool unit tests, and every dashboard
 * query and alert rule holds against the packaged stack scraped by a real Prometheus, including the check's own
 * self-test (a panel naming a metric no app exposes must make it fail).
 */
class DashboardsIT {

    private static final Path ROOT = Path.of(System.getProperty("storepulse.root", "..")).toAbsolutePath().normalize();

    @Test
    void alertRulesLoadAndPassTheirUnitTests() throws Exception {
        requireOnPath("promtool");
        Run rules = run("dashboards/check-rules.sh", Duration.ofMinutes(2));

        assertThat(rules.failures()).as("FAIL lines of check-rules.sh").isEmpty();
        assertThat(rules.output).contains("ok   promtool test rules alerts.test.yml").contains("rules: ");
        assertThat(rules.exit).as("exit code of check-rules.sh").isZero();
    }

    @Test
    void everyDashboardQueryAndAlertRuleHoldsAgainstALiveStack() throws Exception {
        requireOnPath("prometheus");
        requireOnPath("promtool");
        Run live = run("dashboards/check-live.sh", Duration.ofMinutes(8));

        assertThat(live.failures()).as("FAIL lines of check-live.sh").isEmpty();
        assertThat(live.output)
                .contains("ok   self-test: the check fails on a panel")
                .containsPattern("(?m)^self-test\\| FAIL .*metric not exposed by any app: storepulse_selftest_missing_")
                .containsPattern("(?m)^check: [1-9][0-9]* ok, 0 failed$")
                .containsPattern("(?m)^live-check: \\[[0-9]+s\\] passed ");
        assertThat(live.exit).as("exit code of check-live.sh").isZero();
    }

    private static void requireOnPath(String tool) {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
        if (!found) {
            fail(tool + " is not installed: apt-get install prometheus (the Debian package gives prometheus and promtool)");
        }
    }

    private static Run run(String script, Duration limit) throws IOException, InterruptedException {
        Path log = Files.createTempFile("storepulse-" + Path.of(script).getFileName(), ".log");
        try {
            Process process = new ProcessBuilder(ROOT.resolve(script).toString())
                    .directory(ROOT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                // SIGTERM lets the script's trap stop the stack and Prometheus it started.
                process.destroy();
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(output);
            assertThat(finished).as(script + " finished within " + limit.toMinutes() + " minutes").isTrue();
            return new Run(process.exitValue(), output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private record Run(int exit, String output) {
        List<String> failures() {
            return output.lines().filter(line -> line.startsWith("FAIL ")).toList();
        }
    }
}
