package dev.keel.node.logrotation;

import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Container log rotation ({@code keel.node.container-log-*}), named and defaulted as the kubelet's
 * {@code containerLogMaxSize}, {@code containerLogMaxFiles} and {@code containerLogMonitorInterval}.
 */
@ConfigurationProperties("keel.node")
public class ContainerLogRotationProperties {

    /** Size (a Kubernetes quantity) at which a container's live log file is rotated; negative: never rotated. */
    private String containerLogMaxSize = "10Mi";

    /** Most log files kept per container: the live one, the newest rotated one, and compressed older ones. */
    private int containerLogMaxFiles = 5;

    /** How often the running containers' log files are looked at. */
    private Duration containerLogMonitorInterval = Duration.ofSeconds(10);

    /** The policy these settings describe; IllegalArgumentException naming the setting when one is invalid. */
    public LogRotationPolicy policy() {
        long maxSize;
        try {
            maxSize = Quantity.getAmountInBytes(new Quantity(containerLogMaxSize.strip())).longValueExact();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("keel.node.container-log-max-size is not a size: "
                + containerLogMaxSize, e);
        }
        if (containerLogMaxFiles <= 1) {
            throw new IllegalArgumentException("keel.node.container-log-max-files must be > 1, not "
                + containerLogMaxFiles);
        }
        if (containerLogMonitorInterval.isNegative() || containerLogMonitorInterval.isZero()) {
            throw new IllegalArgumentException("keel.node.container-log-monitor-interval must be positive, not "
                + containerLogMonitorInterval);
        }
        return new LogRotationPolicy(maxSize, containerLogMaxFiles);
    }

    public String getContainerLogMaxSize() {
        return containerLogMaxSize;
    }

    public void setContainerLogMaxSize(String containerLogMaxSize) {
        this.containerLogMaxSize = containerLogMaxSize;
    }

    public int getContainerLogMaxFiles() {
        return containerLogMaxFiles;
    }

    public void setContainerLogMaxFiles(int containerLogMaxFiles) {
        this.containerLogMaxFiles = containerLogMaxFiles;
    }

    public Duration getContainerLogMonitorInterval() {
        return containerLogMonitorInterval;
    }

    public void setContainerLogMonitorInterval(Duration containerLogMonitorInterval) {
        this.containerLogMonitorInterval = containerLogMonitorInterval;
    }
}
