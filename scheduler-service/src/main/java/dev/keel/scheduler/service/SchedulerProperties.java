package dev.keel.scheduler.service;

import dev.keel.runtime.leader.LeaderElectionProperties;
import dev.keel.scheduler.plugins.noderesources.ScoringStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** Configuration of scheduler-service, under {@code keel.scheduler}. */
@ConfigurationProperties("keel.scheduler")
public class SchedulerProperties {

    /** Profiles, one per spec.schedulerName served; empty serves "default-scheduler" with every default plugin. */
    private List<Profile> profiles = new ArrayList<>();

    /** Delay before a pod that failed is tried again, doubled per further failure. */
    private Duration initialBackoff = Duration.ofSeconds(1);

    /** Longest back-off delay. */
    private Duration maxBackoff = Duration.ofSeconds(10);

    /** How long an unschedulable pod waits for a helpful cluster change before it is tried anyway. */
    private Duration unschedulableTimeout = Duration.ofMinutes(5);

    /** How long after its bind call an assumed pod may go unconfirmed by the informer before it is dropped. */
    private Duration assumedPodTtl = Duration.ofSeconds(30);

    /**
     * Threads that run bind calls, so a slow API call does not hold up the next scheduling cycle. Binding is bound by
     * the API's latency, so this is how many binds may be in flight at once (kube-scheduler does not limit them).
     */
    private int bindThreads = 32;

    /**
     * Threads that filter and score the nodes of one cycle, the scheduling thread included (kube-scheduler's
     * parallelism, 16 there). 1 runs every cycle on the scheduling thread alone. By default half the cores, at most
     * 4: the API server and etcd on the same machine need the rest (on 2 cores more threads made cycles slower).
     */
    private int parallelism = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2));

    /**
     * Cycles that filter or score fewer nodes than this stay on the scheduling thread: handing small loops to other
     * threads costs more than it saves, and on a machine whose cores the API server shares it only adds overhead.
     */
    private int parallelMinNodes = 1000;

    /**
     * Events (Scheduled, FailedScheduling, Preempted) waiting to be written at most; further ones are dropped and
     * counted in {@code scheduler_events_dropped_total} rather than holding up scheduling, as Kubernetes' event
     * broadcaster drops beyond its 1,000.
     */
    private int eventQueueCapacity = 1000;

    /**
     * Leader election on the Lease kube-system/keel-scheduler: only the holder schedules. A dead leader's lease is
     * free 10 s after its last renewal.
     */
    @NestedConfigurationProperty
    private LeaderElectionProperties leaderElection = defaultLeaderElection();

    private static LeaderElectionProperties defaultLeaderElection() {
        LeaderElectionProperties properties = new LeaderElectionProperties();
        properties.setLeaseName("keel-scheduler");
        properties.setLeaseDuration(Duration.ofSeconds(10));
        properties.setRenewDeadline(Duration.ofSeconds(8));
        properties.setRetryPeriod(Duration.ofSeconds(2));
        return properties;
    }

    /** One scheduler profile: a plugin set served under one scheduler name. */
    public static class Profile {

        /** The spec.schedulerName this profile serves. */
        private String schedulerName = "default-scheduler";

        /**
         * How nodes are ranked by their resources: LeastAllocated (spread), MostAllocated (bin-packing) or
         * BalancedAllocation (even use of cpu and memory only).
         */
        private ScoringStrategy scoringStrategy = ScoringStrategy.LeastAllocated;

        /** Plugins of the default set to leave out, by name. */
        private List<String> disabled = new ArrayList<>();

        /**
         * Plugins to run besides the default set, by name: those declared as {@code PluginRegistration} beans, or a
         * default plugin disabled in another profile.
         */
        private List<String> enabled = new ArrayList<>();

        /** Score weights replacing the default ones, by plugin name. */
        private Map<String, Integer> weights = new HashMap<>();

        /** Nodes to find feasible before scoring, in percent of all nodes; 0 is Kubernetes' adaptive percentage. */
        private int percentageOfNodesToScore = 0;

        public String getSchedulerName() { return schedulerName; }
        public void setSchedulerName(String schedulerName) { this.schedulerName = schedulerName; }
        public ScoringStrategy getScoringStrategy() { return scoringStrategy; }
        public void setScoringStrategy(ScoringStrategy scoringStrategy) { this.scoringStrategy = scoringStrategy; }
        public List<String> getDisabled() { return disabled; }
        public void setDisabled(List<String> disabled) { this.disabled = disabled; }
        public List<String> getEnabled() { return enabled; }
        public void setEnabled(List<String> enabled) { this.enabled = enabled; }
        public Map<String, Integer> getWeights() { return weights; }
        public void setWeights(Map<String, Integer> weights) { this.weights = weights; }
        public int getPercentageOfNodesToScore() { return percentageOfNodesToScore; }
        public void setPercentageOfNodesToScore(int percentageOfNodesToScore) { this.percentageOfNodesToScore = percentageOfNodesToScore; }
    }

    public List<Profile> getProfiles() { return profiles; }
    public void setProfiles(List<Profile> profiles) { this.profiles = profiles; }
    public Duration getInitialBackoff() { return initialBackoff; }
    public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
    public Duration getMaxBackoff() { return maxBackoff; }
    public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
    public Duration getUnschedulableTimeout() { return unschedulableTimeout; }
    public void setUnschedulableTimeout(Duration unschedulableTimeout) { this.unschedulableTimeout = unschedulableTimeout; }
    public Duration getAssumedPodTtl() { return assumedPodTtl; }
    public void setAssumedPodTtl(Duration assumedPodTtl) { this.assumedPodTtl = assumedPodTtl; }
    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public int getParallelMinNodes() {
        return parallelMinNodes;
    }

    public void setParallelMinNodes(int parallelMinNodes) {
        this.parallelMinNodes = parallelMinNodes;
    }

    public int getEventQueueCapacity() {
        return eventQueueCapacity;
    }

    public void setEventQueueCapacity(int eventQueueCapacity) {
        this.eventQueueCapacity = eventQueueCapacity;
    }

    public int getBindThreads() { return bindThreads; }
    public void setBindThreads(int bindThreads) { this.bindThreads = bindThreads; }
    public LeaderElectionProperties getLeaderElection() { return leaderElection; }
    public void setLeaderElection(LeaderElectionProperties leaderElection) { this.leaderElection = leaderElection; }
}
