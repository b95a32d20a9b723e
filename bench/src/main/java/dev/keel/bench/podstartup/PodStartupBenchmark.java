package dev.keel.bench.podstartup;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code ./bench/run podstartup [--pods N] [--rate PODS_PER_S] [--kubeconfig PATH]}: pod start-up latency on the
 * cluster {@code ./platform up} started (real containerd on every node). The image is pulled onto every node first
 * (one warm-up pod per node), then N pods are created at a fixed rate, scheduled by scheduler-service, and a watch
 * records when each is bound, when all its containers are reported started (Kubernetes' pod start-up SLI) and when it
 * is Ready. Prints p50/p90/p99/max per stage and Kubernetes' SLO beside it; deletes its namespace at the end.
 */
public final class PodStartupBenchmark {

    private static final String IMAGE = "localhost:5000/busybox:1.35";
    private static final String LABEL = "keel.dev/bench";
    private static final Duration SLO = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final String namespace = "podstartup-" + Instant.now().getEpochSecond();
    private final int pods;
    private final double rate;
    private final Duration limit;

    private PodStartupBenchmark(KubernetesClient client, int pods, double rate, Duration limit) {
        this.client = client;
        this.pods = pods;
        this.rate = rate;
        this.limit = limit;
    }

    /** Options as {@code --name value} pairs; {@code --repo DIR} (from ./bench/run) locates .platform/kubeconfig. */
    public static int run(List<String> args) {
        Map<String, String> options = parse(args);
        Path repo = Path.of(options.getOrDefault("repo", "."));
        Path kubeconfig = Path.of(options.getOrDefault("kubeconfig", repo.resolve(".platform/kubeconfig").toString()));
        int pods = Integer.parseInt(options.getOrDefault("pods", "60"));
        double rate = Double.parseDouble(options.getOrDefault("rate", "1"));
        Duration limit = Duration.ofMinutes(Long.parseLong(options.getOrDefault("max-minutes", "6")));
        if (!Files.isRegularFile(kubeconfig)) {
            System.err.println("no kubeconfig at " + kubeconfig + ": bring the cluster up first (./platform up)");
            return 2;
        }
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config(kubeconfig)).build()) {
            return new PodStartupBenchmark(client, pods, rate, limit).run();
        }
    }

    private int run() {
        List<String> nodes = readyNodes();
        if (nodes.isEmpty()) {
            System.err.println("no Ready node in the cluster");
            return 1;
        }
        Thread cleanup = new Thread(this::deleteNamespace, "podstartup-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                    .create();
            warmUp(nodes);
            List<PodTimeline> timelines = measure();
            System.out.print(report(nodes, timelines));
            return timelines.stream().allMatch(PodTimeline::isReady) ? 0 : 1;
        } finally {
            deleteNamespace();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    /** One pod per node, pinned by its hostname label, so every node has pulled the image before the measurement. */
    private void warmUp(List<String> nodes) {
        progress("warm-up: pulling " + IMAGE + " onto " + nodes);
        for (String node : nodes) {
            Pod pod = pod("warmup-" + node, "warmup");
            pod.getSpec().setNodeSelector(Map.of("kubernetes.io/hostname", node));
            createWithRetry(pod);
        }
        long deadline = System.nanoTime() + limit.toNanos() / 2;
        while (client.pods().inNamespace(namespace).withLabel(LABEL, "warmup").list().getItems().stream()
                .filter(PodStartupBenchmark::isReady).count() < nodes.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("warm-up pods not Ready within " + limit.dividedBy(2));
            }
            sleep(Duration.ofMillis(500));
        }
        client.pods().inNamespace(namespace).withLabel(LABEL, "warmup").delete();
    }

    private List<PodTimeline> measure() {
        Map<String, PodTimeline> timelines = new ConcurrentHashMap<>();
        Watch watch = client.pods().inNamespace(namespace).withLabel(LABEL, "measured").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                PodTimeline timeline = timelines.get(pod.getMetadata().getName());
                if (timeline != null) {
                    timeline.observe(pod, System.nanoTime());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                progress("pod watch closed: " + cause.getMessage());
            }
        });
        try {
            progress(String.format(Locale.ROOT, "creating %d pods at %.1f pods/s", pods, rate));
            long start = System.nanoTime();
            long interval = (long) (1e9 / rate);
            List<PodTimeline> ordered = new ArrayList<>();
            for (int i = 0; i < pods; i++) {
                long due = start + i * interval;
                sleep(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
                String name = String.format(Locale.ROOT, "startup-%04d", i);
                PodTimeline timeline = new PodTimeline(System.nanoTime());
                timelines.put(name, timeline);
                ordered.add(timeline);
                client.pods().inNamespace(namespace).resource(pod(name, "measured")).create();
            }
            long deadline = System.nanoTime() + limit.toNanos() / 2;
            while (!ordered.stream().allMatch(PodTimeline::isReady) && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(200));
            }
            progress(ordered.stream().filter(PodTimeline::isReady).count() + "/" + pods + " Ready after "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s");
            return ordered;
        } finally {
            watch.close();
        }
    }

    private String report(List<String> nodes, List<PodTimeline> timelines) {
        List<StageLatencies> stages = List.of(
                StageLatencies.of("created -> bound to a node", timelines, PodTimeline::toScheduled),
                StageLatencies.of("created -> all containers started (Running; Kubernetes' SLI)", timelines,
                        PodTimeline::toStarted),
                StageLatencies.of("created -> Ready", timelines, PodTimeline::toReady));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n# Pod start-up latency: %d pods at %.1f pods/s, %d nodes on containerd, "
                + "image already present%n%n", pods, rate, nodes.size()));
        out.append("| stage | pods | p50 ms | p90 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
        for (StageLatencies stage : stages) {
            out.append(String.format(Locale.ROOT, "| %s | %d%s | %.0f | %.0f | %.0f | %.0f |%n", stage.stage(),
                    stage.sortedNanos().length, stage.missing() > 0 ? " (" + stage.missing() + " never)" : "",
                    stage.percentileMillis(50), stage.percentileMillis(90), stage.percentileMillis(99), stage.maxMillis()));
        }
        Map<String, Long> perNode = timelines.stream().filter(t -> t.node() != null)
                .collect(Collectors.groupingBy(PodTimeline::node, TreeMap::new, Collectors.counting()));
        double p99 = stages.get(1).percentileMillis(99);
        out.append(String.format(Locale.ROOT, "%npods per node: %s%n", perNode));
        out.append(String.format(Locale.ROOT, "Kubernetes' SLO (sig-scalability pod_startup_latency.md): p99 of created -> "
                + "all containers started <= %d s for stateless pods; here p99 = %.2f s: %s%n", SLO.toSeconds(),
                p99 / 1000, p99 <= SLO.toMillis() && stages.get(1).missing() == 0 ? "met" : "NOT met"));
        return out.toString();
    }

    private Pod pod(String name, String role) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).addToLabels(LABEL, role).endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("sleep").withImage(IMAGE).withImagePullPolicy("IfNotPresent")
                .withCommand("sleep", "3600").endContainer()
                .endSpec().build();
    }

    /** A namespace's first pods can race its creation in the API's caches; a few retries cover that. */
    private void createWithRetry(Pod pod) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.pods().inNamespace(namespace).resource(pod).create();
                return;
            } catch (KubernetesClientException e) {
                if (attempt == 5) {
                    throw e;
                }
                progress("creating " + pod.getMetadata().getName() + " failed (" + e.getMessage() + "), retrying");
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private List<String> readyNodes() {
        return client.nodes().list().getItems().stream().filter(PodStartupBenchmark::isReady)
                .map(node -> node.getMetadata().getName()).sorted().toList();
    }

    private static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * Deletes the pods (with their 1 s grace period, so each node-agent stops its containers before the pod object
     * goes) and the namespace, and waits up to 2 minutes for the pods to go.
     */
    private void deleteNamespace() {
        try {
            Namespace ns = client.namespaces().withName(namespace).get();
            if (ns == null) {
                return;
            }
            progress("deleting namespace " + namespace);
            client.pods().inNamespace(namespace).delete();
            client.namespaces().withName(namespace).delete();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!client.pods().inNamespace(namespace).list().getItems().isEmpty() && System.nanoTime() < deadline) {
                sleep(Duration.ofSeconds(1));
            }
        } catch (KubernetesClientException e) {
            System.err.println("[podstartup] deleting namespace " + namespace + " failed: " + e.getMessage());
        }
    }

    private static Config config(Path kubeconfig) {
        try {
            return Config.fromKubeconfig(Files.readString(kubeconfig));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + kubeconfig, e);
        }
    }

    private static Map<String, String> parse(List<String> args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.size(); i += 2) {
            if (!args.get(i).startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args.get(i));
            }
            options.put(args.get(i).substring(2), args.get(i + 1));
        }
        return options;
    }

    private static void progress(String message) {
        System.err.println("[podstartup] " + message);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
