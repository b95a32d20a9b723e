package dev.keel.proxy.rules.nftables;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One {@code nft -f} transaction and what it leaves behind.
 *
 * @param text the transaction
 * @param chains the per-service chains that exist after it
 * @param sets the affinity sets that exist after it
 * @param rules the number of rules and map elements it writes
 */
public record NftablesBatch(String text, Set<String> chains, Set<String> sets, int rules) {

    public NftablesBatch {
        // Insertion order, so deletions in the next transaction come out the same on every run.
        chains = Collections.unmodifiableSet(new LinkedHashSet<>(chains));
        sets = Collections.unmodifiableSet(new LinkedHashSet<>(sets));
    }
}
