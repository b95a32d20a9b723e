package dev.keel.proxy.rules.iptables;

import dev.keel.proxy.netfilter.CommandRunner;
import dev.keel.proxy.rules.PortChanges;
import dev.keel.proxy.rules.RuleSettings;
import dev.keel.proxy.rules.RuleWriter;
import dev.keel.proxy.rules.SyncResult;
import dev.keel.proxy.rules.SyncScope;
import dev.keel.proxy.service.ProxyState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the rules through {@code iptables-restore --noflush}: one batch per sync, the proxy's chains only. A
 * partial sync rewrites the lookup chains and the chains of changed ports; with the nf_tables backend a batch's
 * cost grows faster than its size, so this is what keeps a one-endpoint change cheap at thousands of services.
 */
public class IptablesRuleWriter implements RuleWriter {

    private static final Logger log = LoggerFactory.getLogger(IptablesRuleWriter.class);
    private static final List<String> RESTORE = List.of("iptables-restore", "-w", "5", "--noflush");
    private static final List<String> TABLES = List.of("nat", "filter");
    /**
     * iptables-nft-save 1.8.9 recurses once per chain and overflows the default 8 MiB stack at about 100,000
     * chains (10,000 services of 10 endpoints); prlimit (util-linux) lifts the limit for that one process.
     */
    private static final List<String> SAVE = List.of("prlimit", "--stack=unlimited", "--", "iptables-save", "-t");

    private final CommandRunner runner;
    private final IptablesRenderer renderer;
    private Map<String, Set<String>> chains = Map.of();
    /** The state the kernel holds, which a partial sync builds on; null when unknown (before or after a failure). */
    private ProxyState applied;
    /** False until the proxy chains already in the kernel (an earlier run's, or a failed batch's) are known. */
    private boolean adopted;

    public IptablesRuleWriter(CommandRunner runner, RuleSettings settings) {
        this.runner = runner;
        this.renderer = new IptablesRenderer(settings);
    }

    @Override
    public String mode() {
        return "iptables";
    }

    @Override
    public SyncResult sync(ProxyState state, SyncScope scope) {
        boolean full = scope == SyncScope.FULL || applied == null;
        if (!adopted) {
            // The first batch also deletes what an earlier run left, in the same transaction: no gap in service.
            chains = Map.of("nat", ownChains("nat"), "filter", ownChains("filter"));
            adopted = true;
        }
        PortChanges changes = full ? null : PortChanges.between(applied, state);
        IptablesBatch batch = full ? renderer.render(state, chains) : renderer.renderChanges(changes, state, chains);
        int changed = full ? state.ports().size() : changes.count();
        // Until this batch is known to be in the kernel, the next sync can build neither on it nor on the chains
        // we think exist: after a failure it is a full one, with the chains read again.
        applied = null;
        adopted = false;
        runner.runChecked(RESTORE, batch.text());
        chains = batch.chains();
        adopted = true;
        if (full) {
            ensureJumps();
        }
        applied = state;
        return new SyncResult(batch.rules(), batch.text().length(), full ? SyncScope.FULL : SyncScope.CHANGES,
                changed);
    }

    /**
     * Built-in chains lead into ours. Each check is a process, so only full syncs check: a jump someone removed
     * comes back within a resync period.
     */
    private void ensureJumps() {
        for (IptablesJump jump : IptablesJump.ALL) {
            if (runner.run(jump.command("-C"), "").exitCode() != 0) {
                runner.runChecked(jump.command("-I"), "");
                log.info("Inserted the jump from {} {} to {}", jump.table(), jump.chain(), jump.target());
            }
        }
    }

    @Override
    public void cleanup() {
        for (IptablesJump jump : IptablesJump.ALL) {
            // -D removes one copy per call; an earlier crash may have left several.
            while (runner.run(jump.command("-D"), "").exitCode() == 0) {
                log.info("Removed a jump from {} {} to {}", jump.table(), jump.chain(), jump.target());
            }
        }
        StringBuilder batch = new StringBuilder();
        int found = 0;
        for (String table : TABLES) {
            Set<String> leftovers = ownChains(table);
            found += leftovers.size();
            batch.append(renderer.renderRemoval(table, leftovers));
        }
        runner.runChecked(RESTORE, batch.toString());
        chains = Map.of();
        applied = null;
        adopted = true;
        log.info("Cleaned up {} proxy chains", found);
    }

    private static List<String> concat(List<String> command, String argument) {
        List<String> all = new ArrayList<>(command);
        all.add(argument);
        return all;
    }

    private Set<String> ownChains(String table) {
        Set<String> own = new TreeSet<>();
        for (String line : runner.runChecked(concat(SAVE, table), "").split("\n")) {
            if (line.startsWith(":" + IptablesChains.PREFIX)) {
                own.add(line.substring(1, line.indexOf(' ')));
            }
        }
        return own;
    }
}
