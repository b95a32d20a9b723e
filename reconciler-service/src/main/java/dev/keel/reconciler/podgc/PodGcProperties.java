package dev.keel.reconciler.podgc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The pod garbage collector's settings ({@code keel.reconciler.pod-gc.*}). */
@ConfigurationProperties("keel.reconciler.pod-gc")
public class PodGcProperties {

    /**
     * How many finished (Succeeded or Failed) pods may exist before the oldest are deleted; 0 keeps them all.
     * Kubernetes' {@code --terminated-pod-gc-threshold}.
     */
    private int terminatedPodThreshold = 12500;

    /** How often the collector looks at every pod, besides when nodes or pods it cares about change. */
    private Duration checkPeriod = Duration.ofSeconds(20);

    /**
     * How long a node that pods are bound to may be missing from the cache before the API server is asked whether it
     * really is gone (a just-registered node may not be cached yet).
     */
    private Duration quarantine = Duration.ofSeconds(40);

    public int getTerminatedPodThreshold() {
        return terminatedPodThreshold;
    }

    public void setTerminatedPodThreshold(int terminatedPodThreshold) {
        this.terminatedPodThreshold = terminatedPodThreshold;
    }

    public Duration getCheckPeriod() {
        return checkPeriod;
    }

    public void setCheckPeriod(Duration checkPeriod) {
        this.checkPeriod = checkPeriod;
    }

    public Duration getQuarantine() {
        return quarantine;
    }

    public void setQuarantine(Duration quarantine) {
        this.quarantine = quarantine;
    }
}
