package dev.keel.runtime.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a service's loops may be out of order before its health says DOWN ({@code keel.health.*}): an informer
 * not synced and watching, or a controller (scheduling loop) not running while this replica should run it.
 */
@ConfigurationProperties("keel.health")
public class RuntimeHealthProperties {

    /** How long an informer may go without a synced cache and a live watch (start-up, re-lists included). */
    private Duration informerSyncBound = Duration.ofMinutes(2);

    /** How long a controller may be stopped while this replica leads (or runs without leader election). */
    private Duration controllerRunningBound = Duration.ofMinutes(2);

    /** How often the informers and controllers are looked at. */
    private Duration samplePeriod = Duration.ofSeconds(1);

    public Duration getInformerSyncBound() {
        return informerSyncBound;
    }

    public void setInformerSyncBound(Duration informerSyncBound) {
        this.informerSyncBound = informerSyncBound;
    }

    public Duration getControllerRunningBound() {
        return controllerRunningBound;
    }

    public void setControllerRunningBound(Duration controllerRunningBound) {
        this.controllerRunningBound = controllerRunningBound;
    }

    public Duration getSamplePeriod() {
        return samplePeriod;
    }

    public void setSamplePeriod(Duration samplePeriod) {
        this.samplePeriod = samplePeriod;
    }
}
