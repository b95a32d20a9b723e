package dev.keel.proxy.rules.nftables;

import dev.keel.proxy.rules.PortChanges;
import dev.keel.proxy.rules.RuleSettings;
import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ProxyState;
import dev.keel.proxy.service.ServiceEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders one {@code nft -f} transaction in the proxy's own table: the whole desired state, or only what changed.
 * Lookups go through verdict maps keyed by address, protocol and port, so a packet costs one map lookup however
 * many services exist. Every chain written is flushed first, and in a full sync every map; per-service chains and
 * sets of an earlier sync that are no longer wanted are deleted at the end. Affinity sets are never flushed, so
 * clients keep their endpoint.
 */
public final class NftablesRenderer {

    private static final String SERVICE_IPS = "service-ips";
    private static final String SERVICE_NODEPORTS = "service-nodeports";
    private static final String NO_ENDPOINT_SERVICES = "no-endpoint-services";
    private static final String NO_ENDPOINT_NODEPORTS = "no-endpoint-nodeports";
    private static final String ADDRESS_KEY = "ipv4_addr . inet_proto . inet_service";
    private static final String PORT_KEY = "inet_proto . inet_service";

    private final RuleSettings settings;
    private final String table;

    public NftablesRenderer(RuleSettings settings, String tableName) {
        this.settings = settings;
        this.table = "ip " + tableName;
    }

    /** The whole state; per-service chains and affinity sets that exist now and are not wanted are deleted. */
    public NftablesBatch render(ProxyState state, Set<String> previousChains, Set<String> previousSets) {
        Transaction tx = new Transaction();
        writeFixedObjects(tx);
        for (ProxiedPort port : state.ports()) {
            elements(port).forEach(tx::element);
            writeChains(tx, port);
        }
        Set<String> staleChains = new LinkedHashSet<>(previousChains);
        staleChains.removeAll(tx.serviceChains);
        Set<String> staleSets = new LinkedHashSet<>(previousSets);
        staleSets.removeAll(tx.sets);
        return new NftablesBatch(tx.text(staleChains, staleSets), tx.serviceChains, tx.sets, tx.count);
    }

    /**
     * Only {@code changes} since the state {@code previousChains} and {@code previousSets} were written for: the
     * chains of new and changed ports are rewritten, map elements that differ are deleted and added, and chains and
     * sets no port needs any more are deleted. The maps themselves are not flushed.
     */
    public NftablesBatch renderChanges(PortChanges changes, Set<String> previousChains, Set<String> previousSets) {
        Transaction tx = new Transaction();
        Set<MapElement> before = new LinkedHashSet<>();
        Set<String> supersededChains = new LinkedHashSet<>();
        Set<String> supersededSets = new LinkedHashSet<>();
        for (ProxiedPort old : changes.superseded()) {
            before.addAll(elements(old));
            Transaction dryRun = new Transaction();
            writeChains(dryRun, old);
            supersededChains.addAll(dryRun.serviceChains);
            supersededSets.addAll(dryRun.sets);
        }
        Set<MapElement> after = new LinkedHashSet<>();
        for (ProxiedPort port : changes.written()) {
            after.addAll(elements(port));
            writeChains(tx, port);
        }
        before.stream().filter(element -> !after.contains(element)).forEach(tx::deleteElement);
        after.stream().filter(element -> !before.contains(element)).forEach(tx::element);
        supersededChains.removeAll(tx.serviceChains);
        supersededSets.removeAll(tx.sets);
        Set<String> chainsAfter = new LinkedHashSet<>(previousChains);
        chainsAfter.removeAll(supersededChains);
        chainsAfter.addAll(tx.serviceChains);
        Set<String> setsAfter = new LinkedHashSet<>(previousSets);
        setsAfter.removeAll(supersededSets);
        setsAfter.addAll(tx.sets);
        return new NftablesBatch(tx.text(supersededChains, supersededSets), chainsAfter, setsAfter, tx.count);
    }

    /** The map elements that lead a port's traffic to its chains, or to the reject chain without endpoints. */
    private static List<MapElement> elements(ProxiedPort port) {
        List<MapElement> elements = new ArrayList<>(2);
        if (port.hasEndpoints()) {
            elements.add(new MapElement(SERVICE_IPS, key(port), "goto " + NftablesNames.service(port)));
            if (port.hasNodePort()) {
                elements.add(new MapElement(SERVICE_NODEPORTS, nodePortKey(port),
                        "goto " + NftablesNames.external(port)));
            }
        } else {
            elements.add(new MapElement(NO_ENDPOINT_SERVICES, key(port), "goto reject-chain"));
            if (port.hasNodePort()) {
                elements.add(new MapElement(NO_ENDPOINT_NODEPORTS, nodePortKey(port), "goto reject-chain"));
            }
        }
        return elements;
    }

    private void writeFixedObjects(Transaction tx) {
        tx.map(SERVICE_IPS, ADDRESS_KEY);
        tx.map(SERVICE_NODEPORTS, PORT_KEY);
        tx.map(NO_ENDPOINT_SERVICES, ADDRESS_KEY);
        tx.map(NO_ENDPOINT_NODEPORTS, PORT_KEY);
        tx.baseChain("nat-prerouting", "nat", "prerouting", -100, "jump services");
        tx.baseChain("nat-output", "nat", "output", -100, "jump services");
        tx.baseChain("nat-postrouting", "nat", "postrouting", 100, "jump masquerading");
        // Just before the filter priority, so rejection happens whatever other tables accept.
        tx.baseChain("filter-input", "filter", "input", -1, "ct state new jump endpoint-filter");
        tx.baseChain("filter-forward", "filter", "forward", -1, "ct state new jump endpoint-filter");
        tx.baseChain("filter-output", "filter", "output", -1, "ct state new jump endpoint-filter");
        tx.chain("services", false,
                "ip daddr . meta l4proto . th dport vmap @" + SERVICE_IPS,
                "fib daddr type local ip daddr != 127.0.0.0/8 jump nodeports");
        tx.chain("nodeports", false, "meta l4proto . th dport vmap @" + SERVICE_NODEPORTS);
        tx.chain("endpoint-filter", false,
                "ip daddr . meta l4proto . th dport vmap @" + NO_ENDPOINT_SERVICES,
                "fib daddr type local meta l4proto . th dport vmap @" + NO_ENDPOINT_NODEPORTS);
        tx.chain("reject-chain", false, "reject");
        tx.chain("mark-for-masquerade", false, "meta mark set meta mark or " + settings.markHex());
        tx.chain("masquerading", false,
                "meta mark & " + settings.markHex() + " == 0 return",
                "meta mark set meta mark xor " + settings.markHex(),
                "masquerade fully-random");
    }

    /** The service, endpoint and node-port chains of a port with endpoints, and its affinity sets. */
    private void writeChains(Transaction tx, ProxiedPort port) {
        if (!port.hasEndpoints()) {
            return;
        }
        String svc = NftablesNames.service(port);
        String source = settings.masqueradeAll() ? "" : " ip saddr != " + settings.clusterCidr();
        List<String> svcRules = new ArrayList<>();
        svcRules.add("ip daddr " + port.clusterIp() + source + " jump mark-for-masquerade");
        List<ServiceEndpoint> endpoints = port.endpoints();
        List<String> choices = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            ServiceEndpoint endpoint = endpoints.get(i);
            String ep = NftablesNames.endpoint(port, endpoint);
            // Choice i sees the connections the first i choices left: 1/(n-i) of them gives each endpoint 1/n.
            // Not one "numgen vmap { ... }": each such anonymous map makes the kernel walk the whole transaction
            // when it is bound and when it is flushed, so a full sync would grow with the square of the services.
            int left = endpoints.size() - i;
            choices.add((left > 1 ? "numgen random mod " + left + " == 0 " : "") + "goto " + ep);
            List<String> epRules = new ArrayList<>();
            epRules.add("ip saddr " + endpoint.ip() + " jump mark-for-masquerade");
            if (port.hasAffinity()) {
                String set = NftablesNames.affinity(port, endpoint);
                tx.affinitySet(set, port.affinityTimeoutSeconds());
                svcRules.add("ip saddr @" + set + " goto " + ep);
                epRules.add("update @" + set + " { ip saddr }");
            }
            epRules.add("meta l4proto " + port.protocol().lowerName() + " dnat to " + endpoint.hostPort());
            tx.chain(ep, true, epRules.toArray(String[]::new));
        }
        svcRules.addAll(choices);
        tx.chain(svc, true, svcRules.toArray(String[]::new));
        if (port.hasNodePort()) {
            String ext = NftablesNames.external(port);
            tx.chain(ext, true, "jump mark-for-masquerade", "goto " + svc);
        }
    }

    private static String key(ProxiedPort port) {
        return port.clusterIp() + " . " + port.protocol().lowerName() + " . " + port.port();
    }

    private static String nodePortKey(ProxiedPort port) {
        return port.protocol().lowerName() + " . " + port.nodePort();
    }

    /** One entry of a verdict map. */
    private record MapElement(String map, String key, String verdict) {
    }

    /** The statements of one transaction, grouped so every object exists before anything refers to it. */
    private final class Transaction {
        private final List<String> declarations = new ArrayList<>();
        private final List<String> flushes = new ArrayList<>();
        private final List<String> rules = new ArrayList<>();
        private final Map<String, List<String>> elements = new LinkedHashMap<>();
        private final Map<String, List<String>> deletedElements = new LinkedHashMap<>();
        private final Set<String> serviceChains = new LinkedHashSet<>();
        private final Set<String> sets = new LinkedHashSet<>();
        private int count;

        void map(String name, String keyType) {
            declarations.add("add map " + table + " " + name + " { type " + keyType + " : verdict ; }");
            flushes.add("flush map " + table + " " + name);
        }

        void baseChain(String name, String type, String hook, int priority, String rule) {
            declarations.add("add chain " + table + " " + name + " { type " + type + " hook " + hook
                    + " priority " + priority + " ; policy accept ; }");
            flushes.add("flush chain " + table + " " + name);
            rule(name, rule);
        }

        void chain(String name, boolean perService, String... chainRules) {
            declarations.add("add chain " + table + " " + name);
            flushes.add("flush chain " + table + " " + name);
            if (perService) {
                serviceChains.add(name);
            }
            for (String chainRule : chainRules) {
                rule(name, chainRule);
            }
        }

        void affinitySet(String name, int timeoutSeconds) {
            declarations.add("add set " + table + " " + name + " { type ipv4_addr ; flags dynamic,timeout ;"
                    + " timeout " + timeoutSeconds + "s ; }");
            sets.add(name);
        }

        void element(MapElement element) {
            elements.computeIfAbsent(element.map(), map -> new ArrayList<>())
                    .add(element.key() + " : " + element.verdict());
            count++;
        }

        void deleteElement(MapElement element) {
            deletedElements.computeIfAbsent(element.map(), map -> new ArrayList<>()).add(element.key());
            count++;
        }

        private void rule(String chain, String rule) {
            rules.add("add rule " + table + " " + chain + " " + rule);
            count++;
        }

        String text(Set<String> staleChains, Set<String> staleSets) {
            StringBuilder out = new StringBuilder("add table ").append(table).append('\n');
            declarations.forEach(line -> out.append(line).append('\n'));
            flushes.forEach(line -> out.append(line).append('\n'));
            staleChains.forEach(chain -> out.append("flush chain ").append(table).append(' ').append(chain)
                    .append('\n'));
            rules.forEach(line -> out.append(line).append('\n'));
            // Deletions first: an element whose verdict changed is deleted and added again.
            appendElements(out, "delete", deletedElements);
            appendElements(out, "add", elements);
            staleChains.forEach(chain -> out.append("delete chain ").append(table).append(' ').append(chain)
                    .append('\n'));
            staleSets.forEach(set -> out.append("delete set ").append(table).append(' ').append(set).append('\n'));
            return out.toString();
        }

        private void appendElements(StringBuilder out, String verb, Map<String, List<String>> byMap) {
            byMap.forEach((map, items) -> out.append(verb).append(" element ").append(table).append(' ').append(map)
                    .append(" { ").append(String.join(", ", items)).append(" }\n"));
        }
    }
}
