package dev.keel.proxy.rules.iptables;

import dev.keel.proxy.netfilter.CommandRunner;
import dev.keel.proxy.rules.RuleSettings;
import dev.keel.proxy.rules.RuleWriter;
import dev.keel.proxy.rules.SyncResult;
import dev.keel.proxy.service.ProxyState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the rules through {@code iptables-restore --noflush}: one batch per sync, the proxy's chains only. */
public class IptablesRuleWriter implements RuleWriter {

    private static final Logger log = LoggerFactory.getLogger(IptablesRuleWriter.class);
    private static final List<String> RESTORE = List.of("iptables-restore", "-w", "5", "--noflush");
    private static final List<String> TABLES = List.of("nat", "filter");

    private final CommandRunner runner;
    private final IptablesRenderer renderer;
    private Map<String, Set<String>> chains = Map.of();
    /** False until the proxy chains already in the kernel (an earlier run's) have been read. */
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
    public SyncResult sync(ProxyState state) {
        if (!adopted) {
            // The first batch also deletes what an earlier run left, in the same transaction: no gap in service.
            chains = Map.of("nat", ownChains("nat"), "filter", ownChains("filter"));
            adopted = true;
        }
        IptablesBatch batch = renderer.render(state, chains);
        runner.runChecked(RESTORE, batch.text());
        chains = batch.chains();
        ensureJumps();
        return new SyncResult(batch.rules(), batch.text().length());
    }

    /** Built-in chains lead into ours; the check is cheap and heals a jump someone removed. */
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
            batch.append('*').append(table).append('\n');
            leftovers.forEach(chain -> batch.append(':').append(chain).append(" - [0:0]\n"));
            leftovers.forEach(chain -> batch.append("-X ").append(chain).append('\n'));
            batch.append("COMMIT\n");
        }
        runner.runChecked(RESTORE, batch.toString());
        chains = Map.of();
        adopted = true;
        log.info("Cleaned up {} proxy chains", found);
    }

    private Set<String> ownChains(String table) {
        Set<String> own = new TreeSet<>();
        for (String line : runner.runChecked(List.of("iptables-save", "-t", table), "").split("\n")) {
            if (line.startsWith(":" + IptablesChains.PREFIX)) {
                own.add(line.substring(1, line.indexOf(' ')));
            }
        }
        return own;
    }
}
