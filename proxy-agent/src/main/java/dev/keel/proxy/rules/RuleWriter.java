package dev.keel.proxy.rules;

import dev.keel.proxy.service.ProxyState;

/**
 * Programs the kernel so each proxied port's virtual address (and node port) reaches one of its endpoints.
 * Implementations touch only objects of their own (chains with their prefix, or their own table), so other
 * rules on the node are never changed. Not thread-safe: one sync loop calls it.
 */
public interface RuleWriter {

    /** The mode name as configured: {@code iptables} or {@code nftables}. */
    String mode();

    /**
     * Makes the rules match {@code state} in one atomic transaction and removes objects an earlier sync
     * wrote that the state no longer needs. {@link SyncScope#FULL} rewrites every object; {@link SyncScope#CHANGES}
     * rewrites only those of ports that differ from the last successful sync's state, and is done as a full sync
     * when there is no such sync (the first one, or after a failure). The first sync of a writer also removes what
     * an earlier process left, within the same transaction, so a restart never leaves services without rules. On
     * failure the previous rules stay in place and an exception says why.
     */
    SyncResult sync(ProxyState state, SyncScope scope);

    /** Removes every object of this writer, including what an earlier process left behind (for shutdown). */
    void cleanup();
}
