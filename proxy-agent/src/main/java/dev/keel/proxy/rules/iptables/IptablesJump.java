package dev.keel.proxy.rules.iptables;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule in a built-in chain that sends packets into one of the proxy's chains. These are kept out of the
 * restore batch ({@code --noflush} would append a copy on every sync) and checked with {@code -C} instead.
 */
public record IptablesJump(String table, String chain, List<String> match, String target) {

    /** The jumps every sync makes sure of, kube-proxy's hook points with our chains. */
    public static final List<IptablesJump> ALL = List.of(
            new IptablesJump("nat", "PREROUTING", List.of(), IptablesChains.SERVICES),
            new IptablesJump("nat", "OUTPUT", List.of(), IptablesChains.SERVICES),
            new IptablesJump("nat", "POSTROUTING", List.of(), IptablesChains.POSTROUTING),
            new IptablesJump("filter", "FORWARD", newConnections(), IptablesChains.SERVICES),
            new IptablesJump("filter", "OUTPUT", newConnections(), IptablesChains.SERVICES),
            new IptablesJump("filter", "INPUT", newConnections(), IptablesChains.EXTERNAL_SERVICES),
            new IptablesJump("filter", "FORWARD", newConnections(), IptablesChains.EXTERNAL_SERVICES),
            new IptablesJump("filter", "OUTPUT", newConnections(), IptablesChains.EXTERNAL_SERVICES));

    public IptablesJump {
        match = List.copyOf(match);
    }

    /** {@code iptables} arguments for the given operation ({@code -C}, {@code -I} or {@code -D}) on this rule. */
    public List<String> command(String operation) {
        List<String> args = new ArrayList<>(List.of("iptables", "-w", "5", "-t", table, operation, chain));
        args.addAll(match);
        args.addAll(List.of("-m", "comment", "--comment", "keel proxy", "-j", target));
        return args;
    }

    private static List<String> newConnections() {
        return List.of("-m", "conntrack", "--ctstate", "NEW");
    }
}
