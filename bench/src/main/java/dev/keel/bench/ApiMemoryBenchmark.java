package dev.keel.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./bench/run api-memory}: platform-api's resident memory under a bounded load of malformed, oversized and
 * large requests (issue 13's fuzz run in small), for two configurations: the one platform-api had before
 * (watch history bounded only in count, {@code -Xmx1g} alone) and the current one (history bounded in bytes, the JVM
 * flags {@code ./platform} starts it with). Each configuration gets its own etcd and platform-api on free loopback
 * ports; RSS ({@code /proc/PID/status}) and the heap ({@code jcmd GC.heap_info}) are read after start, after the
 * load, and after an idle minute without any explicit GC.
 */
final class ApiMemoryBenchmark {

    private static final Path JAR = Path.of("platform-api/target/platform-api-0.1.0-SNAPSHOT-exec.jar");
    /** What start_api in ./platform passes. */
    static final List<String> CURRENT_FLAGS = List.of("-Xmx1g", "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=30000",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
    private static final List<String> WATCHED = List.of("/api/v1/configmaps", "/api/v1/secrets", "/api/v1/pods",
            "/api/v1/services", "/api/v1/namespaces");
    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

    private final Path repo;
    private final int requests;
    private final Duration idle;

    ApiMemoryBenchmark(Path repo, int requests, Duration idle) {
        this.repo = repo;
        this.requests = requests;
        this.idle = idle;
    }

    static int run(List<String> args) throws Exception {
        Path repo = Path.of(".");
        int requests = 1200;
        Duration idle = Duration.ofSeconds(60);
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--repo" -> repo = Path.of(args.get(i + 1));
                case "--requests" -> requests = Integer.parseInt(args.get(i + 1));
                case "--idle-seconds" -> idle = Duration.ofSeconds(Long.parseLong(args.get(i + 1)));
                default -> {
                    System.err.println("usage: ./bench/run api-memory [--requests N (1200)] [--idle-seconds S (60)]");
                    return 2;
                }
            }
        }
        return new ApiMemoryBenchmark(repo, requests, idle).run();
    }

    int run() throws Exception {
        // The history bound as a system property: Spring reads it like --keel.api.watch.history-max-bytes.
        List<String> before = List.of("-Xmx1g", "-Dkeel.api.watch.history-max-bytes=64GB");
        List<String> results = new ArrayList<>();
        results.add(row("before: count-bounded history, -Xmx1g", before));
        results.add(row("after: history-max-bytes 32MB, ./platform's flags", CURRENT_FLAGS));
        StringBuilder report = new StringBuilder();
        report.append("platform-api memory, ").append(requests).append(" requests (malformed, 3 MiB bodies, 300 KB "
                + "strings stored and rewritten) with ").append(WATCHED.size()).append(" watchers open; idle ")
                .append(idle.toSeconds()).append(" s without explicit GC\n\n");
        report.append("| configuration | RSS started | RSS after load | RSS idle | heap idle (committed / used) |\n");
        report.append("| --- | --- | --- | --- | --- |\n");
        results.forEach(line -> report.append(line).append('\n'));
        System.out.print(report);
        Files.createDirectories(repo.resolve("bench/results"));
        Path file = repo.resolve("bench/results/api-memory-" + System.currentTimeMillis() + ".md");
        Files.writeString(file, report);
        System.err.println("[api-memory] written to " + file);
        return 0;
    }

    private String row(String name, List<String> jvm) throws Exception {
        System.err.println("[api-memory] " + name + ": " + jvm);
        Path runDir = Files.createTempDirectory("keel-bench-memory-");
        EtcdProcess etcd = EtcdProcess.start("/usr/bin/etcd", runDir, false);
        ApiProcess[] running = new ApiProcess[1];
        // Stopped by their PIDs also when the run is interrupted (timeout's SIGTERM, Ctrl-C).
        Thread cleanUp = new Thread(() -> {
            if (running[0] != null) {
                running[0].stop();
            }
            etcd.stop();
        }, "api-memory-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        ApiProcess api = null;
        try {
            api = ApiProcess.start(repo.resolve(JAR), runDir, etcd.endpoint(), jvm);
            running[0] = api;
            ApiEndpoint endpoint = api.awaitReady(Duration.ofSeconds(300));
            Thread.sleep(5_000);
            long started = rssKb(api.pid());
            HttpClient client = endpoint.newClient(null);
            List<Thread> watchers = openWatchers(client, endpoint);
            load(client, endpoint);
            long loaded = rssKb(api.pid());
            System.err.println("[api-memory] load sent; idle " + idle.toSeconds() + " s");
            Thread.sleep(idle.toMillis());
            long idleRss = rssKb(api.pid());
            long[] heap = heapKb(api.pid());
            watchers.forEach(Thread::interrupt);
            return "| " + name + " | " + mb(started) + " | " + mb(loaded) + " | " + mb(idleRss) + " | "
                    + mb(heap[0]) + " / " + mb(heap[1]) + " |";
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanUp);
            if (api != null) {
                api.stop();
            }
            etcd.stop();
            ApiBenchmark.deleteTree(runDir);
        }
    }

    private static List<Thread> openWatchers(HttpClient client, ApiEndpoint endpoint) {
        List<Thread> threads = new ArrayList<>();
        for (String path : WATCHED) {
            Thread thread = new Thread(() -> {
                try {
                    HttpRequest watch = endpoint.request(path + "?watch=true&timeoutSeconds=1800").build();
                    HttpResponse<InputStream> response = client.send(watch, HttpResponse.BodyHandlers.ofInputStream());
                    try (InputStream body = response.body()) {
                        body.transferTo(OutputStream.nullOutputStream());
                    }
                } catch (IOException e) {
                    System.err.println("[api-memory] watch " + path + " ended: " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "watch " + path);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    /** The load: seeded, so both configurations get the same requests. */
    private void load(HttpClient client, ApiEndpoint endpoint) throws IOException, InterruptedException {
        Random random = new Random(13);
        String ns = "memory";
        send(client, endpoint, "POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}");
        String configMaps = "/api/v1/namespaces/" + ns + "/configmaps";
        String large = "h".repeat(300_000);
        String oversized = "{\"metadata\":{\"name\":\"x\"},\"data\":{\"a\":\"" + "o".repeat(3 * 1024 * 1024) + "\"}}";
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            int status = switch (i % 8) {
                // A large object stored, then rewritten: both versions pass through the watch history.
                case 0 -> send(client, endpoint, "POST", configMaps, configMap("large-" + i, large + i));
                case 1 -> send(client, endpoint, "PUT", configMaps + "/large-" + (i - 1),
                        configMap("large-" + (i - 1), large + "rewritten"));
                case 2 -> send(client, endpoint, "POST", configMaps, oversized);
                case 3 -> send(client, endpoint, "POST", configMaps,
                        "{\"metadata\":{\"name\":\"t" + i + "\"},\"data\":{\"a\":" + random.nextInt() + "}}");
                case 4 -> send(client, endpoint, "POST", configMaps, configMap("c" + i, "nul\u0000\u0007" + i));
                case 5 -> send(client, endpoint, "PUT", configMaps + "/c" + (i - 1), List.of("null", "1", "[]", "{}x")
                        .get(random.nextInt(4)));
                case 6 -> send(client, endpoint, "POST", "/api/v1/namespaces/" + ns + "/pods",
                        "{\"metadata\":{\"name\":\"p" + i + "\"},\"spec\":{\"containers\":[null]}}");
                default -> send(client, endpoint, "GET", configMaps + "?resourceVersion=x" + i + "&limit=5", null);
            };
            statuses.merge(status, 1, Integer::sum);
            if ((i + 1) % 250 == 0) {
                System.err.println("[api-memory] " + (i + 1) + "/" + requests + " sent, statuses " + statuses);
            }
        }
    }

    private static String configMap(String name, String value) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"v\":\"" + value.replace("\u0000", "\\u0000")
                .replace("\u0007", "\\u0007") + "\"}}";
    }

    private static int send(HttpClient client, ApiEndpoint endpoint, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = endpoint.request(path).timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            // A server may close the connection on an oversized body; that is an answer here, not a failure.
            return 0;
        }
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    /** Committed and used heap in KiB, from {@code jcmd PID GC.heap_info}. */
    private static long[] heapKb(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher matcher = HEAP.matcher(out);
        if (!matcher.find()) {
            throw new IOException("jcmd GC.heap_info gave no heap line: " + out);
        }
        return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
    }

    private static String mb(long kb) {
        return (kb / 1024) + " MB";
    }
}
