package dev.keel.proxy.rules.iptables;

import dev.keel.proxy.rules.PortChanges;
import dev.keel.proxy.rules.RuleSettings;
import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ProxyState;
import dev.keel.proxy.service.ServiceEndpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Renders one {@code iptables-restore --noflush} batch: the whole desired state, or only what changed since the
 * last sync. Declaring a chain flushes it, so every chain the batch writes is rewritten in full; chains of an
 * earlier sync that are no longer wanted are declared (flushed) and deleted at the end of the same batch.
 */
public final class IptablesRenderer {

    private final RuleSettings settings;

    public IptablesRenderer(RuleSettings settings) {
        this.settings = settings;
    }

    /**
     * The whole state. {@code previousChains}: per table, the proxy chains that exist now; those the state does
     * not need are deleted.
     */
    public IptablesBatch render(ProxyState state, Map<String, Set<String>> previousChains) {
        Section nat = new Section("nat");
        Section filter = new Section("filter");
        nat.declare(IptablesChains.SERVICES, IptablesChains.NODEPORTS, IptablesChains.POSTROUTING,
                IptablesChains.MARK_MASQ);
        nat.rule(IptablesChains.MARK_MASQ, "-j MARK --or-mark " + settings.markHex());
        String mark = settings.markHex() + "/" + settings.markHex();
        nat.rule(IptablesChains.POSTROUTING, "-m mark ! --mark " + mark + " -j RETURN");
        nat.rule(IptablesChains.POSTROUTING, "-j MARK --xor-mark " + settings.markHex());
        nat.rule(IptablesChains.POSTROUTING, "-m comment --comment \"keel service traffic requiring SNAT\""
                + " -j MASQUERADE --random-fully");
        writeServices(nat, filter, state, port -> true);
        Set<String> staleNat = new LinkedHashSet<>(previousChains.getOrDefault("nat", Set.of()));
        staleNat.removeAll(nat.declared);
        Set<String> staleFilter = new LinkedHashSet<>(previousChains.getOrDefault("filter", Set.of()));
        staleFilter.removeAll(filter.declared);
        return batch(nat, filter, staleNat, staleFilter, Map.of("nat", nat.declared, "filter", filter.declared));
    }

    /**
     * Only {@code changes} since the state the chains in {@code previousChains} were written for: the top-level
     * lookup chains, the chains of new and changed ports, and the deletion of chains no port needs any more.
     * Chains of unchanged ports are left as they are.
     */
    public IptablesBatch renderChanges(PortChanges changes, ProxyState state,
                                       Map<String, Set<String>> previousChains) {
        Set<ProxiedPort> written = new HashSet<>(changes.written());
        Section nat = new Section("nat");
        Section filter = new Section("filter");
        writeServices(nat, filter, state, written::contains);
        Set<String> staleNat = new LinkedHashSet<>();
        changes.superseded().forEach(port -> staleNat.addAll(IptablesChains.ofPort(port)));
        staleNat.removeAll(nat.declared);
        Set<String> natAfter = new LinkedHashSet<>(previousChains.getOrDefault("nat", Set.of()));
        natAfter.removeAll(staleNat);
        natAfter.addAll(nat.declared);
        Set<String> filterAfter = new LinkedHashSet<>(previousChains.getOrDefault("filter", Set.of()));
        filterAfter.addAll(filter.declared);
        return batch(nat, filter, staleNat, Set.of(), Map.of("nat", natAfter, "filter", filterAfter));
    }

    /** The lookup chains for every port, and the service and endpoint chains of the ports {@code withChains}. */
    private void writeServices(Section nat, Section filter, ProxyState state, Predicate<ProxiedPort> withChains) {
        nat.declare(IptablesChains.SERVICES, IptablesChains.NODEPORTS);
        filter.declare(IptablesChains.SERVICES, IptablesChains.EXTERNAL_SERVICES);
        for (ProxiedPort port : state.ports()) {
            if (!port.hasEndpoints()) {
                writeRejected(filter, port);
                continue;
            }
            writeLookup(nat, port);
            if (withChains.test(port)) {
                writeChains(nat, port);
            }
        }
        nat.rule(IptablesChains.SERVICES, "-m comment --comment \"keel service nodeports\""
                + " ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j " + IptablesChains.NODEPORTS);
    }

    private static IptablesBatch batch(Section nat, Section filter, Set<String> staleNat, Set<String> staleFilter,
                                       Map<String, Set<String>> chainsAfter) {
        StringBuilder text = new StringBuilder();
        nat.appendTo(text, staleNat);
        filter.appendTo(text, staleFilter);
        return new IptablesBatch(text.toString(), chainsAfter, nat.ruleCount + filter.ruleCount);
    }

    private void writeLookup(Section nat, ProxiedPort port) {
        String svc = IptablesChains.service(port);
        nat.rule(IptablesChains.SERVICES, comment(port.displayName() + " cluster IP") + clusterMatch(port)
                + " -j " + svc);
        if (port.hasNodePort()) {
            String proto = port.protocol().lowerName();
            String nodePortMatch = comment(port.displayName()) + "-p " + proto + " -m " + proto + " --dport "
                    + port.nodePort();
            nat.rule(IptablesChains.NODEPORTS, nodePortMatch + " -j " + IptablesChains.MARK_MASQ);
            nat.rule(IptablesChains.NODEPORTS, nodePortMatch + " -j " + svc);
        }
    }

    private static String clusterMatch(ProxiedPort port) {
        String proto = port.protocol().lowerName();
        return "-d " + port.clusterIp() + "/32 -p " + proto + " -m " + proto + " --dport " + port.port();
    }

    private void writeChains(Section nat, ProxiedPort port) {
        String svc = IptablesChains.service(port);
        String proto = port.protocol().lowerName();
        nat.declare(svc);
        String source = settings.masqueradeAll() ? "" : "! -s " + settings.clusterCidr() + " ";
        nat.rule(svc, source + clusterMatch(port) + " -j " + IptablesChains.MARK_MASQ);

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

    /** One table's part of the batch: chain declarations (which flush) first, then rules, then deletions. */
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

        void appendTo(StringBuilder out, Set<String> stale) {
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
