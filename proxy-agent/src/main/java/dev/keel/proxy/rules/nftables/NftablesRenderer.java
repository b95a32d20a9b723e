package dev.keel.proxy.rules.nftables;

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
 * Renders the whole desired state as one {@code nft -f} transaction in the proxy's own table. Lookups go through
 * verdict maps keyed by address, protocol and port, so a packet costs one map lookup however many services
 * exist. Every chain and map written is flushed first; per-service chains and sets of an earlier sync that are
 * no longer wanted are deleted at the end. Affinity sets are never flushed, so clients keep their endpoint.
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

    public NftablesBatch render(ProxyState state, Set<String> previousChains, Set<String> previousSets) {
        Transaction tx = new Transaction();
        writeFixedObjects(tx);
        for (ProxiedPort port : state.ports()) {
            if (port.hasEndpoints()) {
                writeReachable(tx, port);
            } else {
                tx.element(NO_ENDPOINT_SERVICES, key(port) + " : goto reject-chain");
                if (port.hasNodePort()) {
                    tx.element(NO_ENDPOINT_NODEPORTS, nodePortKey(port) + " : goto reject-chain");
                }
            }
        }
        Set<String> staleChains = new LinkedHashSet<>(previousChains);
        staleChains.removeAll(tx.serviceChains);
        Set<String> staleSets = new LinkedHashSet<>(previousSets);
        staleSets.removeAll(tx.sets);
        return new NftablesBatch(tx.text(staleChains, staleSets), tx.serviceChains, tx.sets, tx.count);
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

    private void writeReachable(Transaction tx, ProxiedPort port) {
        String svc = NftablesNames.service(port);
        tx.element(SERVICE_IPS, key(port) + " : goto " + svc);
        String source = settings.masqueradeAll() ? "" : " ip saddr != " + settings.clusterCidr();
        List<String> svcRules = new ArrayList<>();
        svcRules.add("ip daddr " + port.clusterIp() + source + " jump mark-for-masquerade");
        List<ServiceEndpoint> endpoints = port.endpoints();
        List<String> choices = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            ServiceEndpoint endpoint = endpoints.get(i);
            String ep = NftablesNames.endpoint(port, endpoint);
            choices.add(i + " : goto " + ep);
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
        svcRules.add("numgen random mod " + endpoints.size() + " vmap { " + String.join(", ", choices) + " }");
        tx.chain(svc, true, svcRules.toArray(String[]::new));
        if (port.hasNodePort()) {
            String ext = NftablesNames.external(port);
            tx.element(SERVICE_NODEPORTS, nodePortKey(port) + " : goto " + ext);
            tx.chain(ext, true, "jump mark-for-masquerade", "goto " + svc);
        }
    }

    private static String key(ProxiedPort port) {
        return port.clusterIp() + " . " + port.protocol().lowerName() + " . " + port.port();
    }

    private static String nodePortKey(ProxiedPort port) {
        return port.protocol().lowerName() + " . " + port.nodePort();
    }

    /** The statements of one transaction, grouped so every object exists before anything refers to it. */
    private final class Transaction {
        private final List<String> declarations = new ArrayList<>();
        private final List<String> flushes = new ArrayList<>();
        private final List<String> rules = new ArrayList<>();
        private final Map<String, List<String>> elements = new LinkedHashMap<>();
        private final Set<String> serviceChains = new LinkedHashSet<>();
        private final Set<String> sets = new LinkedHashSet<>();
        private int count;

        void map(String name, String keyType) {
            declarations.add("add map " + table + " " + name + " { type " + keyType + " : verdict ; }");
            flushes.add("flush map " + table + " " + name);
            elements.put(name, new ArrayList<>());
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

        void element(String map, String element) {
            elements.get(map).add(element);
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
            elements.forEach((map, items) -> {
                if (!items.isEmpty()) {
                    out.append("add element ").append(table).append(' ').append(map).append(" { ")
                            .append(String.join(", ", items)).append(" }\n");
                }
            });
            staleChains.forEach(chain -> out.append("delete chain ").append(table).append(' ').append(chain)
                    .append('\n'));
            staleSets.forEach(set -> out.append("delete set ").append(table).append(' ').append(set).append('\n'));
            return out.toString();
        }
    }
}
