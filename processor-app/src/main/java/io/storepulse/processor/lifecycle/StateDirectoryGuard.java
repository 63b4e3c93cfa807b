package io.storepulse.processor.lifecycle;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps another processor's state from being used: before Kafka Streams opens any store, a state directory that
 * holds another application id's or another topology's state is refused and the start fails with the reason
 * ({@link StateIdentity}). Keeps a damaged state directory from being used: at a clean stop it records the state files
 * ({@link StateManifest}); at the next start, before Kafka Streams opens any store, a task directory whose files
 * changed meanwhile is discarded with an error line naming the file, and Kafka Streams restores that task from its
 * changelogs. Without the check, a processor started on a revenue segment whose table file had been truncated ran
 * and answered with that segment's rows missing.
 */
@ApplicationScoped
public class StateDirectoryGuard {

    private static final Logger LOG = Logger.getLogger(StateDirectoryGuard.class);

    private final Path appDir;
    private final String applicationId;
    private final Topology topology;

    public StateDirectoryGuard(@ConfigProperty(name = "kafka-streams.state.dir") String stateDir,
                               @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId,
                               Topology topology) {
        this.appDir = Path.of(stateDir, applicationId);
        this.applicationId = applicationId;
        this.topology = topology;
    }

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent starting) {
        claim();
        if (!Files.exists(appDir.resolve(StateManifest.FILE))) {
            return;
        }
        long started = System.nanoTime();
        List<StateManifest.Discarded> discarded;
        try {
            discarded = StateManifest.discardChanged(appDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the state directory " + appDir + " against its last clean stop: "
                    + e.getMessage(), e);
        }
        for (StateManifest.Discarded task : discarded) {
            LOG.errorf("the state of task %s in %s changed while the processor was stopped (%s): discarded, Kafka "
                    + "Streams restores it from the changelogs", task.task(), appDir, task.reason());
        }
        LOG.infof("state directory %s checked against its last clean stop in %d ms: %d task(s) discarded", appDir,
                (System.nanoTime() - started) / 1_000_000, discarded.size());
    }

    private void claim() {
        StateIdentity.Identity mine = new StateIdentity.Identity(applicationId,
                StateIdentity.fingerprint(topology.describe().toString()));
        StateIdentity.Claim claim;
        try {
            claim = StateIdentity.claim(appDir, mine);
        } catch (StateIdentity.RefusedException e) {
            LOG.error(e.getMessage());
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or record whose state " + appDir + " holds: " + e.getMessage(), e);
        }
        if (claim != StateIdentity.Claim.SAME) {
            LOG.infof("state directory %s recorded as application id %s, topology %s (%s)", appDir, applicationId,
                    mine.topology(), claim == StateIdentity.Claim.NEW ? "a new directory"
                            : "its task directories were written before identities were recorded");
        }
    }

    /** Records the state files once Kafka Streams has closed cleanly, for the next start to check. */
    void recordCleanStop() {
        if (!Files.isDirectory(appDir)) {
            return;
        }
        try {
            int files = StateManifest.write(appDir);
            LOG.infof("recorded %d state files of %s for the next start to check", files, appDir);
        } catch (IOException e) {
            LOG.warnf("cannot record the state files of %s (%s); the next start will not check them", appDir, e.getMessage());
        }
    }
}
