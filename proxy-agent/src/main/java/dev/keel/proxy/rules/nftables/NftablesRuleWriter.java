package dev.keel.proxy.rules.nftables;

import dev.keel.proxy.netfilter.CommandRunner;
import dev.keel.proxy.rules.RuleSettings;
import dev.keel.proxy.rules.RuleWriter;
import dev.keel.proxy.rules.SyncResult;
import dev.keel.proxy.service.ProxyState;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the rules with {@code nft -f}: one transaction per sync, in a table only the proxy uses. */
public class NftablesRuleWriter implements RuleWriter {

    private static final Logger log = LoggerFactory.getLogger(NftablesRuleWriter.class);
    private static final List<String> APPLY = List.of("nft", "-f", "-");

    private final CommandRunner runner;
    private final NftablesRenderer renderer;
    private final String tableName;
    private Set<String> chains = Set.of();
    private Set<String> sets = Set.of();
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
    public SyncResult sync(ProxyState state) {
        NftablesBatch batch = renderer.render(state, chains, sets);
        String replace = first ? "add table ip " + tableName + "\ndelete table ip " + tableName + "\n" : "";
        runner.runChecked(APPLY, replace + batch.text());
        first = false;
        chains = batch.chains();
        sets = batch.sets();
        return new SyncResult(batch.rules(), batch.text().length());
    }

    @Override
    public void cleanup() {
        // Adding first makes the delete succeed whether or not an earlier run left the table.
        runner.runChecked(APPLY, "add table ip " + tableName + "\ndelete table ip " + tableName + "\n");
        chains = Set.of();
        sets = Set.of();
        first = false;
        log.info("Removed nftables table ip {}", tableName);
    }
}
