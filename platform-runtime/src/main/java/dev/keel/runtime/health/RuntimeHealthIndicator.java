package dev.keel.runtime.health;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** {@link RuntimeHealth} as the actuator's {@code runtime} health component: DOWN makes /actuator/health 503. */
public final class RuntimeHealthIndicator extends AbstractHealthIndicator {

    private final RuntimeHealth health;

    public RuntimeHealthIndicator(RuntimeHealth health) {
        super("runtime health check failed");
        this.health = health;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        RuntimeHealth.Report report = health.sample();
        (report.up() ? builder.up() : builder.down()).withDetails(report.details());
    }
}
