package dev.keel.reconciler.nodelifecycle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The node lifecycle controller's settings ({@code keel.reconciler.node-lifecycle.*}). */
@ConfigurationProperties("keel.reconciler.node-lifecycle")
public class NodeLifecycleProperties {

    /**
     * How long a node may stay silent (no Lease renewal, no Ready heartbeat) before its conditions turn Unknown and it
     * is tainted unreachable; Kubernetes' node-monitor-grace-period.
     */
    private Duration gracePeriod = Duration.ofSeconds(40);

    public Duration getGracePeriod() {
        return gracePeriod;
    }

    public void setGracePeriod(Duration gracePeriod) {
        this.gracePeriod = gracePeriod;
    }
}
