package dev.keel.reconciler.manager;

import dev.keel.runtime.leader.LeaderElectionProperties;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** The controller manager's settings ({@code keel.reconciler.*}). */
@ConfigurationProperties("keel.reconciler")
public class ReconcilerProperties {

    /** Workers per controller: keys of one controller reconciled at the same time. */
    private int workers = 4;

    /** How often every cached object is handed to its controllers again, whatever changed; 0 for never. */
    private Duration resyncPeriod = Duration.ZERO;

    /** How long the informers may take to list everything at start. */
    private Duration cacheSyncTimeout = Duration.ofMinutes(2);

    /** Controllers not to run, by name (e.g. {@code garbage-collector}). */
    private Set<String> disabled = new HashSet<>();

    /** One replica leads through the Lease kube-system/keel-reconciler; the others keep warm caches. */
    @NestedConfigurationProperty
    private LeaderElectionProperties leaderElection = defaultLeaderElection();

    private static LeaderElectionProperties defaultLeaderElection() {
        LeaderElectionProperties properties = new LeaderElectionProperties();
        properties.setLeaseName("keel-reconciler");
        return properties;
    }

    public int getWorkers() {
        return workers;
    }

    public void setWorkers(int workers) {
        this.workers = workers;
    }

    public Duration getResyncPeriod() {
        return resyncPeriod;
    }

    public void setResyncPeriod(Duration resyncPeriod) {
        this.resyncPeriod = resyncPeriod;
    }

    public Duration getCacheSyncTimeout() {
        return cacheSyncTimeout;
    }

    public void setCacheSyncTimeout(Duration cacheSyncTimeout) {
        this.cacheSyncTimeout = cacheSyncTimeout;
    }

    public Set<String> getDisabled() {
        return disabled;
    }

    public void setDisabled(Set<String> disabled) {
        this.disabled = disabled;
    }

    public LeaderElectionProperties getLeaderElection() {
        return leaderElection;
    }

    public void setLeaderElection(LeaderElectionProperties leaderElection) {
        this.leaderElection = leaderElection;
    }
}
