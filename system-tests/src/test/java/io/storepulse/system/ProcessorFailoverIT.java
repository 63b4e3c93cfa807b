package io.storepulse.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two processor instances share the work: every user's sessions can be found through either one (the owner
 * answers, the other redirects), and when one is killed with SIGKILL the survivor answers for every key within
 * 30 seconds.
 */
class ProcessorFailoverIT {

    private static final int USERS = 40;

    private LocalPipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void everyKeyIsFoundWithTwoInstancesAndTheSurvivorTakesOverWithin30Seconds(@TempDir Path work) throws Exception {
        pipeline = LocalPipeline.startKafka(work);
        String bootstrap = pipeline.bootstrap();
        Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        LocalPipeline.produceClicks(bootstrap, start, "u-failover-", USERS);

        int first = LocalPipeline.freePort();
        int second = LocalPipeline.freePort();
        Process a = pipeline.startProcessor(first, work.resolve("a"), work.resolve("a.log"));
        Process b = pipeline.startProcessor(second, work.resolve("b"), work.resolve("b.log"));
        LocalPipeline.awaitReady(first);
        LocalPipeline.awaitReady(second);

        HttpClient direct = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        int ownedByFirst = 0;
        Within.await(Duration.ofSeconds(90), System.nanoTime(), "every key answered through both instances",
                () -> allAnswer(following, first) && allAnswer(following, second));
        for (int user = 0; user < USERS; user++) {
            if (get(direct, first, user).statusCode() == 200) {
                ownedByFirst++;
            }
        }
        assertThat(ownedByFirst).as("both instances own some users").isBetween(1, USERS - 1);

        a.destroyForcibly().waitFor();
        Duration took = Within.await(Duration.ofSeconds(30), System.nanoTime(), "the survivor answers for every key",
                () -> allAnswer(following, second));
        System.out.printf("after SIGKILL of one instance, every key answered again in %d ms%n", took.toMillis());
        assertThat(b.isAlive()).isTrue();
    }

    private boolean allAnswer(HttpClient client, int port) throws InterruptedException {
        for (int user = 0; user < USERS; user++) {
            HttpResponse<String> response = get(client, port, user);
            if (response.statusCode() != 200 || !response.body().contains("\"events\":3")) {
                return false;
            }
        }
        return true;
    }

    private static HttpResponse<String> get(HttpClient client, int port, int user) throws InterruptedException {
        return LocalPipeline.get(client, "http://127.0.0.1:" + port + "/internal/v1/users/u-failover-" + user + "/sessions");
    }
}
