package dev.keel.proxy.testing;

import dev.keel.proxy.netfilter.CommandRunner;
import dev.keel.proxy.netfilter.CommandResult;
import dev.keel.proxy.netfilter.ServiceRangeRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A "node" network namespace with a bridge (10.244.1.1/24), the service range 10.96.0.0/16 routed to a port-less
 * bridge, and "pod" namespaces on veths into the bridge, each running busybox httpd that answers with the pod's
 * name. Everything has unique names and is removed by {@link #close()}, which also runs when setup fails.
 */
public final class TestNetwork implements AutoCloseable {

    public static final String NODE_IP = "10.244.1.1";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final CommandRunner host = new CommandRunner(List.of());
    private final String node;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();
    private final Path contentRoot;

    private TestNetwork(String node, Path contentRoot) {
        this.node = node;
        this.contentRoot = contentRoot;
    }

    /** A node namespace with pods named by {@code podNames}, at 10.244.1.2, .3, ... in that order. */
    public static TestNetwork create(String... podNames) throws IOException {
        String base = "kp" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        TestNetwork network = new TestNetwork(base + "-node", Files.createTempDirectory("proxy-netns"));
        try {
            network.setUp(base, podNames);
            return network;
        } catch (RuntimeException | IOException e) {
            network.close();
            throw e;
        }
    }

    private void setUp(String base, String[] podNames) throws IOException {
        addNamespace(node);
        inNode("ip", "link", "add", "br0", "type", "bridge");
        inNode("ip", "addr", "add", NODE_IP + "/24", "dev", "br0");
        inNode("ip", "link", "set", "br0", "up");
        new ServiceRangeRoute(nodeRunner()).ensure("svc0", "10.96.0.0/16");
        for (int i = 0; i < podNames.length; i++) {
            String pod = base + "-" + podNames[i];
            addNamespace(pod);
            String ip = "10.244.1." + (i + 2);
            inNode("ip", "link", "add", "veth" + i, "type", "veth", "peer", "name", "eth0", "netns", pod);
            inNode("ip", "link", "set", "veth" + i, "master", "br0", "up");
            host.runChecked(List.of("ip", "-n", pod, "addr", "add", ip + "/24", "dev", "eth0"), "");
            host.runChecked(List.of("ip", "-n", pod, "link", "set", "eth0", "up"), "");
            host.runChecked(List.of("ip", "-n", pod, "route", "add", "default", "via", NODE_IP), "");
            Path docs = Files.createDirectories(contentRoot.resolve(podNames[i]));
            Files.writeString(docs.resolve("index.html"), podNames[i] + "\n");
            servers.add(new ProcessBuilder("ip", "netns", "exec", pod, "busybox", "httpd", "-f", "-p", "80",
                    "-h", docs.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start());
        }
    }

    /** Runs commands inside the node namespace, as the proxy does on a real node. */
    public CommandRunner nodeRunner() {
        return new CommandRunner(List.of("ip", "netns", "exec", node));
    }

    /**
     * Makes {@code count} HTTP requests from the node namespace, one connection each, and returns what each
     * answered (a pod name), wget's error line, or "timed out".
     */
    public List<String> request(String url, int count) {
        // Debian's busybox wget crashes with -T, so timeout bounds it; the grep keeps the body or the error.
        String loop = "i=0; while [ $i -lt " + count + " ]; do"
                + " r=$(busybox timeout 3 busybox wget -O - " + url + " 2>&1);"
                + " echo \"$r\" | busybox grep -v -e '^Connecting to' -e 'writ' -e 'ETA$' || echo timed out;"
                + " i=$((i+1)); done";
        CommandResult result = nodeRunner().run(List.of("busybox", "sh", "-c", loop), "");
        return result.output().lines().toList();
    }

    /** Waits until every pod's httpd answers on its own address. */
    public void awaitServers(int pods) throws InterruptedException {
        for (int i = 0; i < pods; i++) {
            String url = "http://10.244.1." + (i + 2) + "/";
            for (int attempt = 0; attempt < 50 && !request(url, 1).toString().matches("\\[[a-z-]+\\]"); attempt++) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private void addNamespace(String name) {
        host.runChecked(List.of("ip", "netns", "add", name), "");
        namespaces.add(name);
        host.runChecked(List.of("ip", "-n", name, "link", "set", "lo", "up"), "");
    }

    private void inNode(String... command) {
        nodeRunner().runChecked(List.of(command), "");
    }

    @Override
    public void close() {
        for (Process server : servers) {
            server.destroy();
            try {
                if (!server.waitFor(5, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                server.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        // Deleting a namespace deletes its links; the peer veths go with them.
        for (String namespace : namespaces) {
            host.run(List.of("ip", "netns", "del", namespace), "");
        }
        try (var files = Files.walk(contentRoot)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not remove " + contentRoot, e);
        }
    }
}
