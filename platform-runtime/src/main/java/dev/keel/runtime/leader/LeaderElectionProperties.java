package dev.keel.runtime.leader;

import java.time.Duration;

/**
 * Leader election on a coordination.k8s.io Lease, with Kubernetes' default timings: a leader that stops renewing is
 * replaced within {@code leaseDuration} plus one {@code retryPeriod}. Nested under each service's own prefix.
 */
public class LeaderElectionProperties {

    /** Elect a leader; off for a single replica that may act at once. */
    private boolean enabled = true;

    /** The Lease's namespace. */
    private String leaseNamespace = "kube-system";

    /** The Lease's name; replicas of one service share it. */
    private String leaseName;

    /** This replica's identity in the Lease; default: host name plus a random suffix. */
    private String identity;

    /** How long a lease holds without renewal before another replica may take it. */
    private Duration leaseDuration = Duration.ofSeconds(15);

    /** How long the leader keeps trying to renew before it gives up leading. */
    private Duration renewDeadline = Duration.ofSeconds(10);

    /** How often replicas try to acquire or renew. */
    private Duration retryPeriod = Duration.ofSeconds(2);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getLeaseNamespace() {
        return leaseNamespace;
    }

    public void setLeaseNamespace(String leaseNamespace) {
        this.leaseNamespace = leaseNamespace;
    }

    public String getLeaseName() {
        return leaseName;
    }

    public void setLeaseName(String leaseName) {
        this.leaseName = leaseName;
    }

    public String getIdentity() {
        return identity;
    }

    public void setIdentity(String identity) {
        this.identity = identity;
    }

    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public Duration getRenewDeadline() {
        return renewDeadline;
    }

    public void setRenewDeadline(Duration renewDeadline) {
        this.renewDeadline = renewDeadline;
    }

    public Duration getRetryPeriod() {
        return retryPeriod;
    }

    public void setRetryPeriod(Duration retryPeriod) {
        this.retryPeriod = retryPeriod;
    }
}
