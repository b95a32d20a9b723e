package dev.keel.reconciler.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The Job controller's settings ({@code keel.reconciler.job.*}). */
@ConfigurationProperties("keel.reconciler.job")
public class JobProperties {

    /**
     * Delay before a failed pod is replaced; it doubles with every further failure since the last success, as in
     * Kubernetes (10 s, 20 s, 40 s ...).
     */
    private Duration podFailureBackoff = Duration.ofSeconds(10);

    /** The longest delay before a failed pod is replaced. */
    private Duration maxPodFailureBackoff = Duration.ofMinutes(6);

    public Duration getPodFailureBackoff() {
        return podFailureBackoff;
    }

    public void setPodFailureBackoff(Duration podFailureBackoff) {
        this.podFailureBackoff = podFailureBackoff;
    }

    public Duration getMaxPodFailureBackoff() {
        return maxPodFailureBackoff;
    }

    public void setMaxPodFailureBackoff(Duration maxPodFailureBackoff) {
        this.maxPodFailureBackoff = maxPodFailureBackoff;
    }
}
