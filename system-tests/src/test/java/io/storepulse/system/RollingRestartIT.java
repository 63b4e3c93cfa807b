package io.storepulse.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling restart of two processor instances, as a release is rolled out: each in turn is stopped (SIGTERM) and
 * started again on its own state directory while the other serves. Throughout, every answer is either the one given
 * before the roll or no answer ({@code 503}, a refused connection), never a different one; afterwards both answer
 * exactly as before for every key; and the same events written again are all recognised as duplicates by the
 * restarted instances, so the de-duplication state came through the roll too.
 */
class RollingRestartIT {

    private static final int USERS = 40;
    private static final Pattern DUPLICATES = Pattern.compile(
            "^storepulse_processor_records_total\\{route=\"duplicate\",topic=\"click-events\"} (\\S+)$", Pattern.MULTILINE);

    private final HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @Test
    void everyAnswerSurvivesARollingRestartOfBothInstances(@TempDir Path work) throws Exception {
        try (LocalPipeline pipeline = LocalPipeline.startKafka(work)) {
            rollBothInstances(pipeline, work);
        }
    }

    private void rollBothInstances(LocalPipeline pipeline, Path work) throws Exception {
        Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        LocalPipeline.produceClicks(pipeline.bootstrap(), start, "u-roll-", USERS);

        List<Integer> ports = List.of(LocalPipeline.freePort(), LocalPipeline.freePort());
        Process[] instances = new Process[2];
        for (int i = 0; i < 2; i++) {
            instances[i] = pipeline.startProcessor(ports.get(i), work.resolve("state-" + i), work.resolve(i + "-0.log"));
        }
        LocalPipeline.awaitReady(ports.get(0));
        LocalPipeline.awaitReady(ports.get(1));
        Map<Integer, String> before = new HashMap<>();
        Within.await(Duration.ofSeconds(90), System.nanoTime(), "every key answered with its three clicks", () -> {
            before.clear();
            for (int user = 0; user < USERS; user++) {
                HttpResponse<String> answer = get(ports.get(0), user);
                if (answer.statusCode() != 200 || !answer.body().contains("\"events\":3")) {
                    return false;
                }
                before.put(user, answer.body());
            }
            return true;
        });

        for (int i = 0; i < 2; i++) {
            int survivor = ports.get(1 - i);
            instances[i].destroy();
            // 0 or 128 + SIGTERM: a clean stop, not the halt (70) of a Kafka Streams that did not close in time.
            assertThat(instances[i].waitFor()).as("instance %d's exit status after SIGTERM", i).isIn(0, 143);
            Duration took = Within.await(Duration.ofSeconds(60), System.nanoTime(),
                    "the other instance answers for every key as before", () -> sameAnswers(before, survivor));
            System.out.printf("instance %d stopped: every key answered by the other in %d ms%n", i, took.toMillis());
            instances[i] = pipeline.startProcessor(ports.get(i), work.resolve("state-" + i), work.resolve(i + "-1.log"));
            LocalPipeline.awaitReady(ports.get(i));
            Within.await(Duration.ofSeconds(60), System.nanoTime(), "both instances answer for every key as before",
                    () -> sameAnswers(before, ports.get(0)) && sameAnswers(before, ports.get(1)));
        }

        // The same events again: the restarted instances know every one of them.
        LocalPipeline.produceClicks(pipeline.bootstrap(), start, "u-roll-", USERS);
        Within.await(Duration.ofSeconds(60), System.nanoTime(), "all " + 3 * USERS + " repeats counted as duplicates",
                () -> duplicates(ports.get(0)) + duplicates(ports.get(1)) == 3 * USERS);
        assertThat(sameAnswers(before, ports.get(0)) && sameAnswers(before, ports.get(1)))
                .as("every key's answer after the repeats").isTrue();
    }

    /**
     * Whether {@code port} answers every key as in {@code before}; fails at once on an answer that differs, since
     * a key may be unanswered for a while during a roll but never answered wrongly.
     */
    private boolean sameAnswers(Map<Integer, String> before, int port) throws InterruptedException {
        boolean all = true;
        for (int user = 0; user < USERS; user++) {
            HttpResponse<String> answer = get(port, user);
            if (answer.statusCode() == 200) {
                assertThat(answer.body()).as("user %d through port %d", user, port).isEqualTo(before.get(user));
            } else {
                all = false;
            }
        }
        return all;
    }

    private HttpResponse<String> get(int port, int user) throws InterruptedException {
        return LocalPipeline.get(following, "http://127.0.0.1:" + port + "/internal/v1/users/u-roll-" + user + "/sessions");
    }

    private long duplicates(int port) throws InterruptedException {
        HttpResponse<String> metrics = LocalPipeline.get(following, "http://127.0.0.1:" + port + "/q/metrics");
        Matcher matcher = DUPLICATES.matcher(metrics.body());
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }
}
