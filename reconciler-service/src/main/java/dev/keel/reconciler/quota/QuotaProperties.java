package dev.keel.reconciler.quota;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The quota controller's settings ({@code keel.reconciler.quota.*}). */
@ConfigurationProperties("keel.reconciler.quota")
public class QuotaProperties {

    /**
     * How often every quota is recounted in full even without a change it watches (objects counted through
     * {@code count/<resource>} of kinds without an informer here are only seen then), as Kubernetes' 5 minutes.
     */
    private Duration resyncPeriod = Duration.ofMinutes(5);

    public Duration getResyncPeriod() {
        return resyncPeriod;
    }

    public void setResyncPeriod(Duration resyncPeriod) {
        this.resyncPeriod = resyncPeriod;
    }
}
