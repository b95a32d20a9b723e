package dev.keel.api.admission;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Defaulting and allocation settings of the admission chain ({@code keel.api.admission.*}). */
@ConfigurationProperties("keel.api.admission")
public class AdmissionProperties {

    /** IPv4 CIDR that Service cluster IPs come from; its network and broadcast addresses are never handed out. */
    private String serviceClusterIpRange = "10.96.0.0/16";

    /** Inclusive range, as {@code first-last}, that NodePort and LoadBalancer services get node ports from. */
    private String serviceNodePortRange = "30000-32767";

    /** tolerationSeconds of the {@code node.kubernetes.io/not-ready:NoExecute} toleration added to pods lacking one. */
    private long defaultNotReadyTolerationSeconds = 300;

    /** tolerationSeconds of the {@code node.kubernetes.io/unreachable:NoExecute} toleration added to pods lacking one. */
    private long defaultUnreachableTolerationSeconds = 300;


    public String getServiceClusterIpRange() {
        return serviceClusterIpRange;
    }

    public void setServiceClusterIpRange(String serviceClusterIpRange) {
        this.serviceClusterIpRange = serviceClusterIpRange;
    }

    public String getServiceNodePortRange() {
        return serviceNodePortRange;
    }

    public void setServiceNodePortRange(String serviceNodePortRange) {
        this.serviceNodePortRange = serviceNodePortRange;
    }

    public long getDefaultNotReadyTolerationSeconds() {
        return defaultNotReadyTolerationSeconds;
    }

    public void setDefaultNotReadyTolerationSeconds(long defaultNotReadyTolerationSeconds) {
        this.defaultNotReadyTolerationSeconds = defaultNotReadyTolerationSeconds;
    }

    public long getDefaultUnreachableTolerationSeconds() {
        return defaultUnreachableTolerationSeconds;
    }

    public void setDefaultUnreachableTolerationSeconds(long defaultUnreachableTolerationSeconds) {
        this.defaultUnreachableTolerationSeconds = defaultUnreachableTolerationSeconds;
    }

}
