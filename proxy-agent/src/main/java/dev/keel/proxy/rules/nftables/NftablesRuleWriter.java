package dev.keel.proxy.rules.nftables;

import dev.keel.proxy.netfilter.CommandRunner;
import dev.keel.proxy.rules.PortChanges;
import dev.keel.proxy.rules.RuleSettings;
import dev.keel.proxy.rules.RuleWriter;
import dev.keel.proxy.rules.SyncResult;
import dev.keel.proxy.rules.SyncScope;
import dev.keel.proxy.service.ProxyState;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the rules with {@code nft -f}: one transaction per sync, in a table only the proxy uses. A partial sync
 * changes map elements and the chains of changed ports only.
 */
public class NftablesRuleWriter implements RuleWriter {

    private static final Logger log = LoggerFactory.getLogger(NftablesRuleWriter.class);
    private static final List<String> APPLY = List.of("nft", "-f", "-");

    private final CommandRunner runner;
    private final NftablesRenderer renderer;
    private final String tableName;
    private Set<String> chains = Set.of();
    private Set<String> sets = Set.of();
    /** The state the kernel holds, which a partial sync builds on; null when unknown (before or after a failure). */
    private ProxyState applied;
    /** True until the first sync, which replaces whatever table an earlier run left in the same transaction. */
    private boolean first = true;

    public NftablesRuleWriter(CommandRunner runner, RuleSettings settings, String tableName) {
        this.runner = runner;
        this.renderer = new NftablesRenderer(settings, tableName);
        this.tableName = tableName;
    }

    @Override
    public String mode() {
        return "nftables";
    }

    @Override
    public SyncResult sync(ProxyState state, SyncScope scope) {
        boolean full = scope == SyncScope.FULL || applied == null;
        PortChanges changes = full ? null : PortChanges.between(applied, state);
        NftablesBatch batch = full ? renderer.render(state, chains, sets)
                : renderer.renderChanges(changes, chains, sets);
        String replace = first ? "add table ip " + tableName + "\ndelete table ip " + tableName + "\n" : "";
        // Until the transaction is known to be in the kernel, the next sync cannot build on it.
        applied = null;
        runner.runChecked(APPLY, replace + batch.text());
        first = false;
        chains = batch.chains();
        sets = batch.sets();
        applied = state;
        return new SyncResult(batch.rules(), batch.text().length(), full ? SyncScope.FULL : SyncScope.CHANGES,
                full ? state.ports().size() : changes.count());
    }

    @Override
    public void cleanup() {
        // Adding first makes the delete succeed whether or not an earlier run left the table.
        runner.runChecked(APPLY, "add table ip " + tableName + "\ndelete table ip " + tableName + "\n");
        chains = Set.of();
        sets = Set.of();
        applied = null;
        first = false;
        log.info("Removed nftables table ip {}", tableName);
    }
}
