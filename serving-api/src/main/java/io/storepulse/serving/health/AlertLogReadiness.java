package io.storepulse.serving.health;

import io.storepulse.serving.alerts.AlertLog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the alert log has read the retained fraud alerts: before that, streams could not resume. */
@Readiness
@ApplicationScoped
public class AlertLogReadiness implements HealthCheck {

    private final AlertLog log;

    public AlertLogReadiness(AlertLog log) {
        this.log = log;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("fraud-alert-log").status(log.isReady()).build();
    }
}
