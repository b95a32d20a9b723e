package dev.keel.api.rest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Limits and identity of the API server ({@code keel.api.server.*}). */
@ConfigurationProperties("keel.api.server")
public class ApiServerProperties {

    /** Largest request body accepted; Kubernetes' limit is 3 MiB. Larger bodies answer 413. */
    private int maxRequestBytes = 3 * 1024 * 1024;

    /** How long an Event is kept after its last write (kube-apiserver's --event-ttl). */
    private java.time.Duration eventTtl = java.time.Duration.ofHours(1);

    /** The version reported at /version, as Kubernetes' gitVersion. */
    private String kubernetesVersion = "v1.33.0";

    /**
     * Addresses served besides {@code server.address}, on the same port and with the same TLS, e.g. the node bridge's
     * host address; empty: only {@code server.address}.
     */
    private java.util.List<String> extraAddresses = new java.util.ArrayList<>();

    public int getMaxRequestBytes() {
        return maxRequestBytes;
    }

    public void setMaxRequestBytes(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    public java.time.Duration getEventTtl() {
        return eventTtl;
    }

    public void setEventTtl(java.time.Duration eventTtl) {
        this.eventTtl = eventTtl;
    }

    public String getKubernetesVersion() {
        return kubernetesVersion;
    }

    public void setKubernetesVersion(String kubernetesVersion) {
        this.kubernetesVersion = kubernetesVersion;
    }

    public java.util.List<String> getExtraAddresses() {
        return extraAddresses;
    }

    public void setExtraAddresses(java.util.List<String> extraAddresses) {
        this.extraAddresses = extraAddresses;
    }
}
