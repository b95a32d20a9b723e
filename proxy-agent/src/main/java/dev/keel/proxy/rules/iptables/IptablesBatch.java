package dev.keel.proxy.rules.iptables;

import java.util.Map;
import java.util.Set;

/**
 * One {@code iptables-restore --noflush} input and what it leaves behind.
 *
 * @param text the restore input
 * @param chains per table, the proxy's chains that exist after it is applied
 * @param rules the number of rules it appends
 */
public record IptablesBatch(String text, Map<String, Set<String>> chains, int rules) {

    public IptablesBatch {
        chains = Map.copyOf(chains);
    }
}
