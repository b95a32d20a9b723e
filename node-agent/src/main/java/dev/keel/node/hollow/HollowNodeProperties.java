package dev.keel.node.hollow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Hollow nodes ({@code keel.node.hollow.*}): one process standing for many nodes on the simulated runtime, for scale
 * tests and benchmarks. Every other {@code keel.node.*} setting (capacity, heartbeat, lease, resync) applies to each.
 */
@ConfigurationProperties("keel.node.hollow")
public class HollowNodeProperties {

    /** Number of hollow nodes this process runs; 0 runs the one real node of {@code keel.node.name}. */
    private int count = 0;

    /** Hollow node i is named prefix + i, counting from 1. */
    private String namePrefix = "hollow-";

    /** Range whose i-th /24 is hollow node i's pod range; no machine here uses it, so no traffic can leave. */
    private String podCidrRange = "100.64.0.0/10";

    /** Pod workers of each hollow node (a real node has {@code keel.node.pod-workers}). */
    private int podWorkers = 1;

    /** Nodes registered at the same time while the fleet starts. */
    private int startConcurrency = 8;

    /** How long the fleet may take to start before the process gives up. */
    private Duration startTimeout = Duration.ofMinutes(10);

    public int getCount() {
        return count;
    }

    public void setCount(int count) {
        this.count = count;
    }

    public String getNamePrefix() {
        return namePrefix;
    }

    public void setNamePrefix(String namePrefix) {
        this.namePrefix = namePrefix;
    }

    public String getPodCidrRange() {
        return podCidrRange;
    }

    public void setPodCidrRange(String podCidrRange) {
        this.podCidrRange = podCidrRange;
    }

    public int getPodWorkers() {
        return podWorkers;
    }

    public void setPodWorkers(int podWorkers) {
        this.podWorkers = podWorkers;
    }

    public int getStartConcurrency() {
        return startConcurrency;
    }

    public void setStartConcurrency(int startConcurrency) {
        this.startConcurrency = startConcurrency;
    }

    public Duration getStartTimeout() {
        return startTimeout;
    }

    public void setStartTimeout(Duration startTimeout) {
        this.startTimeout = startTimeout;
    }
}
