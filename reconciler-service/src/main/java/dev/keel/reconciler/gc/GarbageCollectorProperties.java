package dev.keel.reconciler.gc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The garbage collector's settings ({@code keel.reconciler.garbage-collector.*}). */
@ConfigurationProperties("keel.reconciler.garbage-collector")
public class GarbageCollectorProperties {

    /**
     * How soon an owner deleted in the foreground is looked at again while dependents still block it, besides the
     * events of those dependents: a missed event never leaves its foregroundDeletion finalizer behind.
     */
    private Duration foregroundRecheck = Duration.ofSeconds(5);

    public Duration getForegroundRecheck() {
        return foregroundRecheck;
    }

    public void setForegroundRecheck(Duration foregroundRecheck) {
        this.foregroundRecheck = foregroundRecheck;
    }
}
