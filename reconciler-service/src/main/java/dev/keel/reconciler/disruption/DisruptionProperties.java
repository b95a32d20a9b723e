package dev.keel.reconciler.disruption;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The disruption controller's settings ({@code keel.reconciler.disruption.*}). */
@ConfigurationProperties("keel.reconciler.disruption")
public class DisruptionProperties {

    /**
     * How long a pod the eviction API recorded in a budget's {@code status.disruptedPods} is taken as going (not
     * healthy) before the controller gives up waiting for its deletion; Kubernetes' DeletionTimeout.
     */
    private Duration deletionTimeout = Duration.ofMinutes(2);

    public Duration getDeletionTimeout() {
        return deletionTimeout;
    }

    public void setDeletionTimeout(Duration deletionTimeout) {
        this.deletionTimeout = deletionTimeout;
    }
}
