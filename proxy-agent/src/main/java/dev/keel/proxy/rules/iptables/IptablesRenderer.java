package dev.keel.proxy.rules.iptables;

import dev.keel.proxy.rules.RuleSettings;
import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ProxyState;
import dev.keel.proxy.service.ServiceEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders the whole desired state as one {@code iptables-restore --noflush} batch. Declaring a chain flushes
 * it, so every chain the batch writes is rewritten in full; chains of an earlier sync that are no longer wanted
 * are declared (flushed) and deleted at the end of the same batch.
 */
public final class IptablesRenderer {

    private final RuleSettings settings;

    public IptablesRenderer(RuleSettings settings) {
        this.settings = settings;
    }

    /** {@code previousChains}: per table, the proxy chains that exist now and may need deleting. */
    public IptablesBatch render(ProxyState state, Map<String, Set<String>> previousChains) {
        Section nat = new Section("nat");
        Section filter = new Section("filter");
        nat.declare(IptablesChains.SERVICES, IptablesChains.NODEPORTS, IptablesChains.POSTROUTING,
                IptablesChains.MARK_MASQ);
        filter.declare(IptablesChains.SERVICES, IptablesChains.EXTERNAL_SERVICES);

        nat.rule(IptablesChains.MARK_MASQ, "-j MARK --or-mark " + settings.markHex());
        String mark = settings.markHex() + "/" + settings.markHex();
        nat.rule(IptablesChains.POSTROUTING, "-m mark ! --mark " + mark + " -j RETURN");
        nat.rule(IptablesChains.POSTROUTING, "-j MARK --xor-mark " + settings.markHex());
        nat.rule(IptablesChains.POSTROUTING, "-m comment --comment \"keel service traffic requiring SNAT\""
                + " -j MASQUERADE --random-fully");

        for (ProxiedPort port : state.ports()) {
            if (port.hasEndpoints()) {
                writeReachable(nat, port);
            } else {
                writeRejected(filter, port);
            }
        }
        nat.rule(IptablesChains.SERVICES, "-m comment --comment \"keel service nodeports\""
                + " ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j " + IptablesChains.NODEPORTS);

        StringBuilder text = new StringBuilder();
        nat.appendTo(text, previousChains.getOrDefault("nat", Set.of()));
        filter.appendTo(text, previousChains.getOrDefault("filter", Set.of()));
        return new IptablesBatch(text.toString(), Map.of("nat", nat.declared, "filter", filter.declared),
                nat.ruleCount + filter.ruleCount);
    }

    private void writeReachable(Section nat, ProxiedPort port) {
        String svc = IptablesChains.service(port);
        String proto = port.protocol().lowerName();
        String portMatch = "-p " + proto + " -m " + proto + " --dport ";
        String clusterMatch = "-d " + port.clusterIp() + "/32 " + portMatch + port.port();
        nat.declare(svc);
        nat.rule(IptablesChains.SERVICES, comment(port.displayName() + " cluster IP") + clusterMatch + " -j " + svc);
        if (port.hasNodePort()) {
            String nodePortMatch = comment(port.displayName()) + portMatch + port.nodePort();
            nat.rule(IptablesChains.NODEPORTS, nodePortMatch + " -j " + IptablesChains.MARK_MASQ);
            nat.rule(IptablesChains.NODEPORTS, nodePortMatch + " -j " + svc);
        }
        String source = settings.masqueradeAll() ? "" : "! -s " + settings.clusterCidr() + " ";
        nat.rule(svc, source + clusterMatch + " -j " + IptablesChains.MARK_MASQ);

        List<ServiceEndpoint> endpoints = port.endpoints();
        if (port.hasAffinity()) {
            for (ServiceEndpoint endpoint : endpoints) {
                String sep = IptablesChains.endpoint(port, endpoint);
                nat.rule(svc, "-m recent --name " + sep + " --rcheck --seconds " + port.affinityTimeoutSeconds()
                        + " --reap -j " + sep);
            }
        }
        int n = endpoints.size();
        for (int i = 0; i < n; i++) {
            ServiceEndpoint endpoint = endpoints.get(i);
            String sep = IptablesChains.endpoint(port, endpoint);
            // Rule i sees the traffic the first i rules left: 1/(n-i) of it gives each endpoint 1/n overall.
            String share = i < n - 1
                    ? String.format(Locale.ROOT, "-m statistic --mode random --probability %.10f ", 1.0 / (n - i))
                    : "";
            nat.rule(svc, share + "-j " + sep);
            nat.declare(sep);
            nat.rule(sep, "-s " + endpoint.ip() + "/32 -j " + IptablesChains.MARK_MASQ);
            String affinity = port.hasAffinity() ? "-m recent --name " + sep + " --set " : "";
            nat.rule(sep, "-p " + proto + " " + affinity + "-m " + proto + " -j DNAT --to-destination "
                    + endpoint.hostPort());
        }
    }

    private static void writeRejected(Section filter, ProxiedPort port) {
        String proto = port.protocol().lowerName();
        String reject = " -j REJECT --reject-with icmp-port-unreachable";
        String why = comment(port.displayName() + " has no endpoints");
        filter.rule(IptablesChains.SERVICES, why + "-d " + port.clusterIp() + "/32 -p " + proto + " -m " + proto
                + " --dport " + port.port() + reject);
        if (port.hasNodePort()) {
            filter.rule(IptablesChains.EXTERNAL_SERVICES, why + "-m addrtype --dst-type LOCAL -p " + proto
                    + " -m " + proto + " --dport " + port.nodePort() + reject);
        }
    }

    private static String comment(String text) {
        return "-m comment --comment \"" + text + "\" ";
    }

    /** One table's part of the batch: chain declarations first, then rules, then deletions. */
    private static final class Section {
        private final String table;
        private final Set<String> declared = new LinkedHashSet<>();
        private final List<String> rules = new ArrayList<>();
        private int ruleCount;

        Section(String table) {
            this.table = table;
        }

        void declare(String... chains) {
            declared.addAll(List.of(chains));
        }

        void rule(String chain, String spec) {
            rules.add("-A " + chain + " " + spec);
            ruleCount++;
        }

        void appendTo(StringBuilder out, Set<String> previous) {
            Set<String> stale = new LinkedHashSet<>(previous);
            stale.removeAll(declared);
            out.append('*').append(table).append('\n');
            for (String chain : declared) {
                out.append(':').append(chain).append(" - [0:0]\n");
            }
            for (String chain : stale) {
                out.append(':').append(chain).append(" - [0:0]\n");
            }
            for (String rule : rules) {
                out.append(rule).append('\n');
            }
            for (String chain : stale) {
                out.append("-X ").append(chain).append('\n');
            }
            out.append("COMMIT\n");
        }
    }
}
