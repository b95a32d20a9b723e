package dev.keel.bench.proxy;

import dev.keel.proxy.netfilter.CommandRunner;
import dev.keel.proxy.rules.RuleSettings;
import dev.keel.proxy.rules.RuleWriter;
import dev.keel.proxy.rules.SyncResult;
import dev.keel.proxy.rules.SyncScope;
import dev.keel.proxy.rules.iptables.IptablesRuleWriter;
import dev.keel.proxy.rules.nftables.NftablesRuleWriter;
import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ProxyState;
import dev.keel.proxy.service.Protocol;
import dev.keel.proxy.service.ServiceEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./bench/run proxy [sizes...]}: time of a full sync and of a (partial) sync after one endpoint changed, for
 * N services with 10 endpoints each, iptables and nftables, in a network namespace the benchmark creates and deletes.
 */
public final class ProxyBenchmark {

    private static final RuleSettings SETTINGS = new RuleSettings("10.244.0.0/16", 0x4000);
    private static final int ENDPOINTS = 10;
    private static final int REPEATS = 3;
    private static final int NODE_PORTS = 32768 - 30000;
    /** Another round starts only within this time from the first. */
    private static final Duration ROUND_BUDGET = Duration.ofMinutes(1);
    /** A mode whose full sync took longer than this is not run at the next, larger size. */
    private static final Duration MAX_FULL_SYNC = Duration.ofMinutes(5);

    private ProxyBenchmark() {
    }

    /** {@code args}: sizes (numbers of services), and optionally {@code --modes iptables,nftables}. */
    public static int run(List<String> args) {
        List<Integer> sizes = args.stream().filter(arg -> arg.matches("\\d+")).map(Integer::valueOf).toList();
        int modesAt = args.indexOf("--modes");
        List<String> modes = modesAt >= 0 && modesAt + 1 < args.size()
                ? List.of(args.get(modesAt + 1).split(",")) : List.of("iptables", "nftables");
        CommandRunner host = new CommandRunner(List.of());
        String netns = "keel-bench-proxy-" + ProcessHandle.current().pid();
        host.runChecked(List.of("ip", "netns", "add", netns), "");
        // ./bench/run's timeout ends the JVM with SIGTERM: the namespace must go then too.
        Thread removal = new Thread(() -> host.run(List.of("ip", "netns", "del", netns), ""), "bench-netns-del");
        Runtime.getRuntime().addShutdownHook(removal);
        try {
            CommandRunner node = new CommandRunner(List.of("ip", "netns", "exec", netns));
            System.out.println("| services | endpoints | mode | full sync (ms) | one endpoint changed (ms) | rules"
                    + " (full) | rules (partial) | runs |");
            System.out.println("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
            Map<String, Double> lastFullSeconds = new HashMap<>();
            for (int size : sizes) {
                ProxyState state = state(size, 0);
                ProxyState changed = state(size, 1);
                for (String mode : modes) {
                    double previous = lastFullSeconds.getOrDefault(mode, 0.0);
                    if (previous > MAX_FULL_SYNC.toSeconds()) {
                        System.out.printf(Locale.ROOT, "| %d | %d | %s | not run: the full sync of the smaller"
                                + " size took %.0f s | | | | |%n", size, size * ENDPOINTS, mode, previous);
                        continue;
                    }
                    lastFullSeconds.put(mode, measure(node, mode, size, state, changed));
                }
            }
            return 0;
        } finally {
            host.run(List.of("ip", "netns", "del", netns), "");
        }
    }

    /**
     * Up to {@value #REPEATS} rounds of: clean table, full sync, then three one-endpoint changes (to the changed
     * state, back, and to it again); fewer rounds once a minute has passed. Prints the best of each; returns the
     * best full sync in seconds.
     */
    private static double measure(CommandRunner node, String mode, int size, ProxyState state, ProxyState changed) {
        long full = Long.MAX_VALUE;
        long change = Long.MAX_VALUE;
        int fullRules = 0;
        int partialRules = 0;
        int rounds = 0;
        long began = System.nanoTime();
        while (rounds < REPEATS && (rounds == 0 || System.nanoTime() - began < ROUND_BUDGET.toNanos())) {
            RuleWriter writer = writer(mode, node);
            writer.cleanup();
            long start = System.nanoTime();
            fullRules = writer.sync(state, SyncScope.FULL).rules();
            full = Math.min(full, System.nanoTime() - start);
            for (int i = 0; i < 3; i++) {
                start = System.nanoTime();
                SyncResult result = writer.sync(i % 2 == 0 ? changed : state, SyncScope.CHANGES);
                change = Math.min(change, System.nanoTime() - start);
                partialRules = result.rules();
            }
            writer.cleanup();
            rounds++;
        }
        System.out.printf(Locale.ROOT, "| %d | %d | %s | %.0f | %.0f | %d | %d | %d |%n", size, size * ENDPOINTS, mode,
                full / 1e6, change / 1e6, fullRules, partialRules, rounds);
        System.err.printf("[bench] %s %d services done%n", mode, size);
        return full / 1e9;
    }

    private static RuleWriter writer(String mode, CommandRunner node) {
        return mode.equals("iptables") ? new IptablesRuleWriter(node, SETTINGS)
                : new NftablesRuleWriter(node, SETTINGS, "keel-proxy");
    }

    /**
     * {@code size} services with 10 endpoints, the first 2768 with a node port; {@code variant} 1 moves the first
     * service's first endpoint.
     */
    private static ProxyState state(int size, int variant) {
        List<ProxiedPort> ports = new ArrayList<>(size);
        for (int s = 0; s < size; s++) {
            List<ServiceEndpoint> endpoints = new ArrayList<>(ENDPOINTS);
            for (int e = 0; e < ENDPOINTS; e++) {
                int n = s * ENDPOINTS + e + (s == 0 && e == 0 ? variant * 250 : 0);
                // 62,500 addresses per /16: 10.244.0.2 on, then 10.245.0.2 on (10,000 services need 100,000).
                String ip = "10." + (244 + n / 62_500) + "." + (n / 250 % 250) + "." + (n % 250 + 2);
                endpoints.add(new ServiceEndpoint(ip, 8080));
            }
            endpoints.sort(null);
            // The node port range 30000-32767 holds 2768 ports: the services beyond have a cluster IP only.
            int nodePort = s < NODE_PORTS ? 30000 + s : 0;
            ports.add(new ProxiedPort("bench", "svc-" + s, "http", Protocol.TCP,
                    "10.96." + (s / 250) + "." + (s % 250 + 2), 80, nodePort, 0, endpoints));
        }
        return ProxyState.of(ports);
    }
}
