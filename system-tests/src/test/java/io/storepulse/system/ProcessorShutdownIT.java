package io.storepulse.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A processor asked to stop (SIGTERM) with its broker closes cleanly. One asked after its broker has gone still
 * exits, within its close timeout and a margin, and says why it did not close cleanly: Kafka Streams' exactly-once
 * producer cannot finish its close without a broker, and the Kafka Streams extension's own close waits for it
 * without a limit.
 */
class ProcessorShutdownIT {

    /** The processor's default {@code storepulse.shutdown.timeout} (20 s) and time for the JVM to exit. */
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(45);

    @Test
    void aProcessorWhoseBrokerIsGoneStillExitsOnSigterm(@TempDir Path work) throws Exception {
        try (LocalPipeline pipeline = LocalPipeline.startKafka(work)) {
            Instant start = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

            // With its broker, a stop is a clean close: the usual SIGTERM status, nothing halted.
            Path cleanLog = work.resolve("clean.log");
            Process clean = pipeline.startReadyProcessor(work.resolve("clean"), cleanLog);
            LocalPipeline.produceClicks(pipeline.bootstrap(), start, "u-clean-", 20);
            Thread.sleep(3_000);
            clean.destroy();
            assertThat(clean.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("clean stop").isTrue();
            assertThat(clean.exitValue()).as("exit status of a clean stop").isEqualTo(143);
            assertThat(Files.readString(cleanLog)).doesNotContain("did not close within");

            Path log = work.resolve("processor.log");
            Process processor = pipeline.startReadyProcessor(work.resolve("state"), log);
            LocalPipeline.produceClicks(pipeline.bootstrap(), start, "u-shutdown-", 20);
            Thread.sleep(3_000);                                        // the processor works through them

            pipeline.stopServers();
            Thread.sleep(3_000);                                        // and notices the broker is gone
            long asked = System.nanoTime();
            processor.destroy();                                        // SIGTERM
            boolean exited = processor.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - asked);

            String output = Files.readString(log);
            assertThat(exited).as("processor exited within %s of SIGTERM; its log ends:%n%s", EXIT_WITHIN,
                    output.substring(Math.max(0, output.length() - 4000))).isTrue();
            System.out.println("processor without a broker exited " + took.toMillis() + " ms after SIGTERM");
            assertThat(output).contains("Kafka Streams did not close within PT20S")
                    .contains("halting with exit status 70");
            assertThat(processor.exitValue()).as("exit status of a processor that halted").isEqualTo(70);
        }
    }
}
