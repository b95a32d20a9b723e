package dev.keel.reconciler.gc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The garbage collector's settings ({@code keel.reconciler.garbage-collector.*}). */
@ConfigurationProperties("keel.reconciler.garbage-collector")
public class GarbageCollectorProperties {

    static final Duration DEFAULT_UNRESOLVED_OWNER_RECHECK = Duration.ofSeconds(30);

    /**
     * How soon an owner deleted in the foreground is looked at again while dependents still block it, besides the
     * events of those dependents: a missed event never leaves its foregroundDeletion finalizer behind.
     */
    private Duration foregroundRecheck = Duration.ofSeconds(5);

    /**
     * How often the CustomResourceDefinitions are listed to start monitors for custom kinds that became Established
     * and stop those whose definition went (Kubernetes' collector re-reads discovery every 30 s).
     */
    private Duration customKindDiscovery = Duration.ofSeconds(10);

    /** How soon an object kept because an owner's kind cannot be resolved through discovery is looked at again. */
    private Duration unresolvedOwnerRecheck = DEFAULT_UNRESOLVED_OWNER_RECHECK;

    public Duration getForegroundRecheck() {
        return foregroundRecheck;
    }

    public void setForegroundRecheck(Duration foregroundRecheck) {
        this.foregroundRecheck = foregroundRecheck;
    }

    public Duration getCustomKindDiscovery() {
        return customKindDiscovery;
    }

    public void setCustomKindDiscovery(Duration customKindDiscovery) {
        this.customKindDiscovery = customKindDiscovery;
    }

    public Duration getUnresolvedOwnerRecheck() {
        return unresolvedOwnerRecheck;
    }

    public void setUnresolvedOwnerRecheck(Duration unresolvedOwnerRecheck) {
        this.unresolvedOwnerRecheck = unresolvedOwnerRecheck;
    }
}
