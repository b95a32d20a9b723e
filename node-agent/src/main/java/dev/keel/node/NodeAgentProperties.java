package dev.keel.node;

import dev.keel.node.server.NodeServerProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of one node agent ({@code keel.node.*}). */
@ConfigurationProperties("keel.node")
public class NodeAgentProperties {

    /** Name of the Node object this agent registers and whose pods it runs. */
    private String name = "node-1";

    /** The node's pod range (a /24 of the cluster's 10.244.0.0/16), published as spec.podCIDR. */
    private String podCidr = "10.244.1.0/24";

    /** Addresses published as InternalIP; empty: none. */
    private List<String> internalIps = new ArrayList<>();

    /** Capacity published on the Node; unset values come from the machine. */
    private final Capacity capacity = new Capacity();

    /** Which runtime runs the pods. */
    private final Runtime runtime = new Runtime();

    /** How often the node's Lease is renewed and its Ready condition refreshed. */
    private Duration heartbeatPeriod = Duration.ofSeconds(10);

    /** The Lease's duration: the node counts as lost when it is not renewed for this long. */
    private Duration leaseDuration = Duration.ofSeconds(40);

    /** How often each pod is looked at again to notice exits and refresh its status, without any event. */
    private Duration podResyncPeriod = Duration.ofSeconds(2);

    /** Directory under which each pod's container logs live (pods/NAMESPACE_NAME_UID/CONTAINER/N.log). */
    private Path logDirectory = Path.of("/var/log/pods");

    /** The HTTPS endpoint platform-api reaches for logs, exec and metrics. */
    private final NodeServerProperties server = new NodeServerProperties();

    /** Number of pods synced at the same time. */
    private int podWorkers = 4;

    /** The agent's state on the node: pods' emptyDir, configMap and secret volumes, claims' local storage. */
    private Path rootDirectory = Path.of("/var/lib/keel-node");

    /**
     * How often running pods' configMap, secret and projected volumes read their ConfigMaps and Secrets again (an
     * edit shows in the container within this plus the pod resync period); downwardAPI files follow the pod at once.
     */
    private Duration volumeRefreshPeriod = Duration.ofSeconds(30);

    /** Threads running the containers' probes (each run lasts at most the probe's timeout). */
    private int probeThreads = 2;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPodCidr() {
        return podCidr;
    }

    public void setPodCidr(String podCidr) {
        this.podCidr = podCidr;
    }

    public List<String> getInternalIps() {
        return internalIps;
    }

    public void setInternalIps(List<String> internalIps) {
        this.internalIps = internalIps;
    }

    public Capacity getCapacity() {
        return capacity;
    }

    public Runtime getRuntime() {
        return runtime;
    }

    public Duration getHeartbeatPeriod() {
        return heartbeatPeriod;
    }

    public void setHeartbeatPeriod(Duration heartbeatPeriod) {
        this.heartbeatPeriod = heartbeatPeriod;
    }

    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public Duration getPodResyncPeriod() {
        return podResyncPeriod;
    }

    public void setPodResyncPeriod(Duration podResyncPeriod) {
        this.podResyncPeriod = podResyncPeriod;
    }

    public Path getLogDirectory() {
        return logDirectory;
    }

    public void setLogDirectory(Path logDirectory) {
        this.logDirectory = logDirectory;
    }

    public NodeServerProperties getServer() {
        return server;
    }

    public int getPodWorkers() {
        return podWorkers;
    }

    public void setPodWorkers(int podWorkers) {
        this.podWorkers = podWorkers;
    }

    public Path getRootDirectory() {
        return rootDirectory;
    }

    public void setRootDirectory(Path rootDirectory) {
        this.rootDirectory = rootDirectory;
    }

    public Duration getVolumeRefreshPeriod() {
        return volumeRefreshPeriod;
    }

    public void setVolumeRefreshPeriod(Duration volumeRefreshPeriod) {
        this.volumeRefreshPeriod = volumeRefreshPeriod;
    }

    public int getProbeThreads() {
        return probeThreads;
    }

    public void setProbeThreads(int probeThreads) {
        this.probeThreads = probeThreads;
    }

    /** Node capacity; allocatable equals capacity (no reservations yet). */
    public static class Capacity {

        /** CPU cores (a Kubernetes quantity, e.g. "4" or "3500m"); empty: the machine's processors. */
        private String cpu = "";

        /** Memory (a Kubernetes quantity, e.g. "8Gi"); empty: the machine's physical memory. */
        private String memory = "";

        /** Most pods the node accepts. */
        private int pods = 110;

        public String getCpu() {
            return cpu;
        }

        public void setCpu(String cpu) {
            this.cpu = cpu;
        }

        public String getMemory() {
            return memory;
        }

        public void setMemory(String memory) {
            this.memory = memory;
        }

        public int getPods() {
            return pods;
        }

        public void setPods(int pods) {
            this.pods = pods;
        }
    }

    /** The container runtime. */
    public static class Runtime {

        /** "cri" (containerd over its socket) or "simulated" (in memory, a hollow node). */
        private String type = "cri";

        /** containerd's CRI socket. */
        private Path criSocket = Path.of("/run/containerd/containerd.sock");

        /** Deadline of ordinary CRI calls. */
        private Duration callTimeout = Duration.ofSeconds(30);

        /** Deadline of image pulls and sandbox starts. */
        private Duration pullTimeout = Duration.ofMinutes(5);

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public Path getCriSocket() {
            return criSocket;
        }

        public void setCriSocket(Path criSocket) {
            this.criSocket = criSocket;
        }

        public Duration getCallTimeout() {
            return callTimeout;
        }

        public void setCallTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
        }

        public Duration getPullTimeout() {
            return pullTimeout;
        }

        public void setPullTimeout(Duration pullTimeout) {
            this.pullTimeout = pullTimeout;
        }
    }
}
