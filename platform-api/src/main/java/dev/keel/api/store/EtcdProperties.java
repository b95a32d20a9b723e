package dev.keel.api.store;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How platform-api reaches etcd ({@code keel.api.etcd.*}). */
@ConfigurationProperties("keel.api.etcd")
public class EtcdProperties {

    /** etcd client URLs. */
    private List<String> endpoints = List.of("http://127.0.0.1:2379");

    /** How long one etcd call may take before the API answers 504/503. */
    private Duration requestTimeout = Duration.ofSeconds(10);

    /** Largest value written to one key; etcd's own default request limit is 1.5 MiB. */
    private int maxValueBytes = 1_572_864 - 4096;

    /**
     * How often history older than the previous run is compacted away, as kube-apiserver does every 5 minutes.
     * Zero turns compaction off (leave it to etcd's own settings).
     */
    private Duration compactionInterval = Duration.ofMinutes(5);

    /** Key prefix under which every object is stored, as in Kubernetes. */
    private String keyPrefix = "/registry";

    public List<String> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(List<String> endpoints) {
        this.endpoints = endpoints;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxValueBytes() {
        return maxValueBytes;
    }

    public void setMaxValueBytes(int maxValueBytes) {
        this.maxValueBytes = maxValueBytes;
    }

    public Duration getCompactionInterval() {
        return compactionInterval;
    }

    public void setCompactionInterval(Duration compactionInterval) {
        this.compactionInterval = compactionInterval;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }
}
