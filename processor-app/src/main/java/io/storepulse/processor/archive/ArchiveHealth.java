package io.storepulse.processor.archive;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The archive's part of readiness. It says how far behind the archive is ({@code behind} once the oldest
 * unarchived record is older than {@code storepulse.archive.max-lag}) but stays UP: the processor answers queries
 * and detects fraud without S3, and an outage of the store must not take it out of service. Records wait in Kafka;
 * the alert {@code StorePulseArchiveBehind} pages on the same condition.
 */
@Readiness
@ApplicationScoped
public class ArchiveHealth implements HealthCheck {

    private final Archiver archiver;
    private final ArchiveMetrics metrics;
    private final ArchiveConfig config;

    public ArchiveHealth(Archiver archiver, ArchiveMetrics metrics, ArchiveConfig config) {
        this.archiver = archiver;
        this.metrics = metrics;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        double lag = metrics.oldestAgeSeconds();
        boolean behind = archiver.enabled() && lag > config.maxLag().toSeconds();
        return HealthCheckResponse.named("archive").up()
                .withData("state", archiver.state())
                .withData("behind", behind)
                .withData("yielding_to_topology", metrics.yielding())
                .withData("oldest_unarchived_age_seconds", (long) lag)
                .build();
    }
}
