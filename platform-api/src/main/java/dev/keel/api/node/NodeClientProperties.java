package dev.keel.api.node;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How platform-api reaches node agents for logs, exec and metrics ({@code keel.api.nodes.*}). It connects to the
 * Node's InternalIP (else its first address) on status.daemonEndpoints.kubeletEndpoint.port over HTTPS, checks the
 * agent's certificate against the cluster CA and the address, and shows a client certificate of its own, issued by
 * the cluster CA under {@link #getClientName()}.
 */
@ConfigurationProperties("keel.api.nodes")
public class NodeClientProperties {

    /** Common name of platform-api's client certificate; node agents serve only this client. */
    private String clientName = "keel-apiserver-kubelet-client";

    /** How long connecting to an agent may take. */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /** How long an agent may take to answer a metrics request before the node is left out of the answer. */
    private Duration metricsTimeout = Duration.ofSeconds(5);

    /**
     * How long an agent may take to complete the TLS handshake and answer an exec, attach or port-forward upgrade
     * with its status and headers before kubectl gets a 504; the stream itself then has no time limit.
     */
    private Duration upgradeTimeout = Duration.ofSeconds(30);

    public String getClientName() {
        return clientName;
    }

    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getMetricsTimeout() {
        return metricsTimeout;
    }

    public void setMetricsTimeout(Duration metricsTimeout) {
        this.metricsTimeout = metricsTimeout;
    }

    public Duration getUpgradeTimeout() {
        return upgradeTimeout;
    }

    public void setUpgradeTimeout(Duration upgradeTimeout) {
        this.upgradeTimeout = upgradeTimeout;
    }
}
