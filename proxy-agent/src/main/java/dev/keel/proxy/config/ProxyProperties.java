package dev.keel.proxy.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How the proxy programs its node ({@code keel.proxy.*}). */
@ConfigurationProperties("keel.proxy")
public class ProxyProperties {

    /** Which rule writer to use. */
    public enum Mode { IPTABLES, NFTABLES }

    /** iptables (iptables-restore batches) or nftables (nft -f transactions in a table of our own). */
    private Mode mode = Mode.IPTABLES;

    /** Prepended to every iptables/nft/ip command, e.g. [ip, netns, exec, node1] for a node in a namespace. */
    private List<String> commandPrefix = new ArrayList<>();

    /** The pod range: cluster-IP traffic from outside it is masqueraded. Empty: masquerade all service traffic. */
    private String clusterCidr = "10.244.0.0/16";

    /** The service (cluster IP) range, routed to {@link #serviceBridge} so no rule-less address leaves the node. */
    private String serviceCidr = "10.96.0.0/16";

    /** The port-less bridge the service range is routed to; empty: leave routing alone. */
    private String serviceBridge = "keel-svc0";

    /** The packet mark bit (0-31) that asks for masquerading. */
    private int masqueradeBit = 14;

    /** The nftables table (family ip) the nftables mode owns. */
    private String nftablesTable = "keel-proxy";

    /** Least time between two syncs: changes arriving meanwhile are written together by the next one. */
    private Duration minSyncInterval = Duration.ofSeconds(1);

    /**
     * A full sync (every rule rewritten) runs at least this often, healing rules someone else changed; the syncs
     * between write only what changed. Minutes, not seconds: an iptables full sync of thousands of services takes
     * tens of seconds (see the README's benchmark), and nothing else can be written meanwhile.
     */
    private Duration resyncPeriod = Duration.ofMinutes(5);

    /** How long to wait at start for the Service and EndpointSlice caches to fill. */
    private Duration cacheSyncTimeout = Duration.ofSeconds(60);

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public List<String> getCommandPrefix() {
        return commandPrefix;
    }

    public void setCommandPrefix(List<String> commandPrefix) {
        this.commandPrefix = commandPrefix;
    }

    public String getClusterCidr() {
        return clusterCidr;
    }

    public void setClusterCidr(String clusterCidr) {
        this.clusterCidr = clusterCidr;
    }

    public String getServiceCidr() {
        return serviceCidr;
    }

    public void setServiceCidr(String serviceCidr) {
        this.serviceCidr = serviceCidr;
    }

    public String getServiceBridge() {
        return serviceBridge;
    }

    public void setServiceBridge(String serviceBridge) {
        this.serviceBridge = serviceBridge;
    }

    public int getMasqueradeBit() {
        return masqueradeBit;
    }

    public void setMasqueradeBit(int masqueradeBit) {
        this.masqueradeBit = masqueradeBit;
    }

    public String getNftablesTable() {
        return nftablesTable;
    }

    public void setNftablesTable(String nftablesTable) {
        this.nftablesTable = nftablesTable;
    }

    public Duration getMinSyncInterval() {
        return minSyncInterval;
    }

    public void setMinSyncInterval(Duration minSyncInterval) {
        this.minSyncInterval = minSyncInterval;
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
}
