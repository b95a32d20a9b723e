package dev.keel.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code ./bench/run crd}: what a custom kind with a schema and two CEL rules costs per create, beside a ConfigMap
 * create on the same etcd and platform-api (free loopback ports, stopped by PID). Both kinds are created in
 * alternating rounds, one at a time and with C concurrent writers; the report gives creates/s and p50/p99 of each and
 * the custom kind's share of the ConfigMap figure.
 */
final class CustomKindCreateBenchmark {

    private static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String WIDGETS = "/apis/bench.keel.dev/v1/namespaces/bench/widgets";
    private static final String CONFIGMAPS = "/api/v1/namespaces/bench/configmaps";

    /** A structural schema with value validations and two x-kubernetes-validations rules, as operators write them. */
    private static final String CRD = """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
             "metadata":{"name":"widgets.bench.keel.dev"},
             "spec":{"group":"bench.keel.dev","scope":"Namespaced",
              "names":{"plural":"widgets","singular":"widget","kind":"Widget","listKind":"WidgetList"},
              "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
               "schema":{"openAPIV3Schema":{"type":"object","properties":{
                "spec":{"type":"object","required":["image","replicas"],
                 "x-kubernetes-validations":[
                  {"rule":"self.minReplicas <= self.replicas","message":"minReplicas must not exceed replicas"},
                  {"rule":"!self.image.endsWith(':latest')","message":"pin the image"}],
                 "properties":{
                  "image":{"type":"string","maxLength":256},
                  "replicas":{"type":"integer","minimum":0,"maximum":100},
                  "minReplicas":{"type":"integer","minimum":0,"default":0},
                  "stage":{"type":"string","enum":["dev","prod"],"default":"dev"},
                  "labels":{"type":"object","maxProperties":16,"additionalProperties":{"type":"string","maxLength":63}}}},
                "status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}}]}}
            """;

    private final Path repo;
    private final int creates;
    private final int rounds;
    private final int concurrency;

    private CustomKindCreateBenchmark(Path repo, int creates, int rounds, int concurrency) {
        this.repo = repo;
        this.creates = creates;
        this.rounds = rounds;
        this.concurrency = concurrency;
    }

    static int run(List<String> args) throws Exception {
        Path repo = Path.of(".");
        int creates = 3000;
        int rounds = 6;
        int concurrency = 16;
        for (int i = 0; i < args.size(); i++) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (args.get(i)) {
                case "--repo" -> repo = Path.of(value);
                case "--creates" -> creates = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--quick" -> {
                    creates = 300;
                    i--;
                }
                default -> {
                    System.err.println("usage: ./bench/run crd [--creates N per case and mode (3000)] [--rounds R (6)] "
                            + "[--concurrency C (16)] [--quick]");
                    return 2;
                }
            }
            i++;
        }
        return new CustomKindCreateBenchmark(repo, creates, rounds, concurrency).run();
    }

    int run() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(concurrency, Threads.daemon("crd-bench-writer"));
        try (OwnApiServer server = OwnApiServer.start(repo, "crd")) {
            ApiEndpoint endpoint = server.endpoint();
            HttpClient client = endpoint.newClient(null);
            expect(201, endpoint.postJson(client, "/api/v1/namespaces", "{\"metadata\":{\"name\":\"bench\"}}"), "namespace");
            expect(201, endpoint.postJson(client, CRD_PATH, CRD), "CustomResourceDefinition");
            awaitServed(client, endpoint);
            checkRulesRun(client, endpoint);

            Case configMaps = new Case("ConfigMap", CONFIGMAPS, CustomKindCreateBenchmark::configMap);
            Case widgets = new Case("Widget (schema + 2 CEL rules)", WIDGETS, CustomKindCreateBenchmark::widget);
            System.err.println("[crd] warming up");
            for (Case c : List.of(configMaps, widgets)) {
                c.measure(client, endpoint, writers, "warm", creates / 2, 1, false);
                c.measure(client, endpoint, writers, "warmc", creates / 2, concurrency, false);
            }
            int perRound = Math.max(concurrency, creates / rounds);
            for (int round = 0; round < rounds; round++) {
                System.err.println("[crd] round " + (round + 1) + "/" + rounds);
                List<Case> order = round % 2 == 0 ? List.of(configMaps, widgets) : List.of(widgets, configMaps);
                for (Case c : order) {
                    c.measure(client, endpoint, writers, "s" + round, perRound, 1, true);
                    c.measure(client, endpoint, writers, "c" + round, perRound, concurrency, true);
                }
            }
            String report = report(configMaps, widgets);
            System.out.print(report);
            Files.createDirectories(repo.resolve("bench/results"));
            Path file = repo.resolve("bench/results/crd-" + System.currentTimeMillis() + ".md");
            Files.writeString(file, report);
            System.err.println("[crd] written to " + file);
            return 0;
        } finally {
            writers.shutdownNow();
        }
    }

    /** One kind's creates: latencies and elapsed time, one at a time and concurrent, over every measured round. */
    private static final class Case {
        final String name;
        final String path;
        final java.util.function.Function<String, String> body;
        final Histogram serial = new ConcurrentHistogram(3);
        final Histogram concurrent = new ConcurrentHistogram(3);
        final List<Double> serialRates = new ArrayList<>();
        final List<Double> concurrentRates = new ArrayList<>();

        Case(String name, String path, java.util.function.Function<String, String> body) {
            this.name = name;
            this.path = path;
            this.body = body;
        }

        void measure(HttpClient client, ApiEndpoint endpoint, ExecutorService writers, String prefix, int count,
                int writersUsed, boolean record) throws Exception {
            AtomicInteger next = new AtomicInteger();
            Histogram latencies = writersUsed == 1 ? serial : concurrent;
            List<Future<?>> running = new ArrayList<>();
            long start = System.nanoTime();
            for (int w = 0; w < writersUsed; w++) {
                running.add(writers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long began = System.nanoTime();
                        int status = endpoint.postJson(client, path, body.apply(prefix + "-" + i));
                        if (record) {
                            latencies.recordValue(Math.max(1, (System.nanoTime() - began) / 1000));
                        }
                        expect(201, status, name + " create");
                    }
                    return null;
                }));
            }
            for (Future<?> writer : running) {
                writer.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (record) {
                (writersUsed == 1 ? serialRates : concurrentRates).add(count / seconds);
            }
        }
    }

    private String report(Case configMaps, Case widgets) {
        StringBuilder out = new StringBuilder();
        out.append("Creates over HTTPS on one etcd and platform-api, ").append(rounds)
                .append(" alternating rounds; creates/s is the median of the rounds, latency over all of them\n\n");
        out.append("| kind | writers | creates/s | p50 ms | p99 ms |\n| --- | --- | --- | --- | --- |\n");
        for (Case c : List.of(configMaps, widgets)) {
            out.append(row(c.name, 1, median(c.serialRates), c.serial));
            out.append(row(c.name, concurrency, median(c.concurrentRates), c.concurrent));
        }
        out.append(String.format(Locale.ROOT, "| Widget / ConfigMap | 1 | %.2f | %.2f | %.2f |%n",
                median(widgets.serialRates) / median(configMaps.serialRates),
                LatencyRecorder.millis(widgets.serial, 50) / LatencyRecorder.millis(configMaps.serial, 50),
                LatencyRecorder.millis(widgets.serial, 99) / LatencyRecorder.millis(configMaps.serial, 99)));
        out.append(String.format(Locale.ROOT, "| Widget / ConfigMap | %d | %.2f | %.2f | %.2f |%n", concurrency,
                median(widgets.concurrentRates) / median(configMaps.concurrentRates),
                LatencyRecorder.millis(widgets.concurrent, 50) / LatencyRecorder.millis(configMaps.concurrent, 50),
                LatencyRecorder.millis(widgets.concurrent, 99) / LatencyRecorder.millis(configMaps.concurrent, 99)));
        return out.toString();
    }

    private static String row(String name, int writers, double rate, Histogram latencies) {
        return String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f |%n", name, writers, rate,
                LatencyRecorder.millis(latencies, 50), LatencyRecorder.millis(latencies, 99));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String configMap(String name) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"image\":\"registry.local/web:1.2\",\"replicas\":\"3\"}}";
    }

    private static String widget(String name) {
        return "{\"apiVersion\":\"bench.keel.dev/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"image\":\"registry.local/web:1.2\",\"replicas\":3,\"minReplicas\":1,"
                + "\"labels\":{\"team\":\"web\"}}}";
    }

    /** Polls a create of the custom kind until the server serves it (the CRD is Established). */
    private static void awaitServed(HttpClient client, ApiEndpoint endpoint) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (endpoint.postJson(client, WIDGETS, widget("probe")) == 201) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the custom kind was never served");
    }

    /** The measured writes must go through the rules: a Widget breaking one is refused. */
    private static void checkRulesRun(HttpClient client, ApiEndpoint endpoint) throws Exception {
        String bad = "{\"apiVersion\":\"bench.keel.dev/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"bad\"},"
                + "\"spec\":{\"image\":\"web:latest\",\"replicas\":1}}";
        expect(422, endpoint.postJson(client, WIDGETS, bad), "a Widget breaking a CEL rule");
    }

    private static void expect(int wanted, int status, String what) {
        if (status != wanted) {
            throw new IllegalStateException(what + " answered " + status + ", not " + wanted);
        }
    }

}
