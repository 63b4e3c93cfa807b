package io.storepulse.processor.lifecycle;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.storepulse.processor.config.ProcessorConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.streams.KafkaStreams;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Closes Kafka Streams with a time limit when the processor stops, before the Kafka Streams extension's own close,
 * which waits without one. Without a reachable broker the exactly-once producer never finishes closing, and the
 * process would never exit. Past the limit the process halts, as a crash would end it: the broker aborts the open
 * transaction and the next start restores the state from the changelogs, so nothing committed is lost or counted
 * twice. In dev mode and tests it only logs, so that a live reload does not end the JVM. A clean close is recorded in
 * the state directory ({@link StateDirectoryGuard}).
 */
@ApplicationScoped
public class StreamsShutdown {

    /** The exit status of a processor that could not close Kafka Streams in time. */
    public static final int HALTED = 70;

    private static final Logger LOG = Logger.getLogger(StreamsShutdown.class);

    private final KafkaStreams streams;
    private final Duration timeout;
    private final StateDirectoryGuard guard;

    public StreamsShutdown(KafkaStreams streams, ProcessorConfig config, StateDirectoryGuard guard) {
        this.streams = streams;
        this.timeout = config.shutdown().timeout();
        this.guard = guard;
    }

    void close(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent stopping) {
        if (streams.close(timeout)) {
            guard.recordCleanStop();
            return;
        }
        LOG.errorf("Kafka Streams did not close within %s (state %s), most likely because no broker answers; "
                + "the broker aborts the open transaction and the next start restores the state from the changelogs",
                timeout, streams.state());
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            LOG.errorf("halting with exit status %d", HALTED);
            Runtime.getRuntime().halt(HALTED);
        }
    }
}
