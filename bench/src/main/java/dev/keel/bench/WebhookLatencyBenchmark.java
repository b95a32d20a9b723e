package dev.keel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.Histogram;

/**
 * {@code ./bench/run webhook}: what one validating admission webhook adds to a write. One etcd and one platform-api
 * of its own (free loopback ports, stopped by PID), and an allow-everything webhook served in this JVM over HTTPS on
 * 127.0.0.1 (a throwaway self-signed certificate made with the JDK's keytool, which is also its caBundle). ConfigMap creates, one at a time, into a namespace the webhook selects
 * and into one it does not, in alternating rounds of the same run: p50/p99 of both and their ratio.
 */
final class WebhookLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repo;
    private final int creates;
    private final int rounds;
    private final int warmup;
    private final AtomicLong webhookCalls = new AtomicLong();

    private WebhookLatencyBenchmark(Path repo, int creates, int rounds, int warmup) {
        this.repo = repo;
        this.creates = creates;
        this.rounds = rounds;
        this.warmup = warmup;
    }

    static int run(List<String> args) throws Exception {
        Path repo = Path.of(".");
        int creates = 3000;
        int rounds = 6;
        int warmup = 1500;
        for (int i = 0; i < args.size(); i++) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (args.get(i)) {
                case "--repo" -> repo = Path.of(value);
                case "--creates" -> creates = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--quick" -> {
                    creates = 300;
                    warmup = 200;
                    i--;
                }
                default -> {
                    System.err.println("usage: ./bench/run webhook [--creates N per case (3000)] [--rounds R (6)] "
                            + "[--warmup N per case (1500)] [--quick]");
                    return 2;
                }
            }
            i++;
        }
        return new WebhookLatencyBenchmark(repo, creates, rounds, warmup).run();
    }

    int run() throws Exception {
        // The JDK's HTTP server writes headers and body apart; with Nagle on, the body waits for the client's
        // delayed ACK (about 40 ms). Webhook servers in Go set TCP_NODELAY, and so does this one.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        ExecutorService webhookThreads = Executors.newFixedThreadPool(4);
        HttpsServer webhook = null;
        try (OwnApiServer server = OwnApiServer.start(repo, "webhook")) {
            ApiEndpoint endpoint = server.endpoint();
            HttpClient client = endpoint.newClient(null);
            Path keyStore = server.runDir().resolve("webhook.p12");
            String certificatePem = makeCertificate(keyStore);
            webhook = startWebhook(keyStore, webhookThreads);
            String caBundle = Base64.getEncoder().encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII));

            endpoint.postJson(client, "/api/v1/namespaces", "{\"metadata\":{\"name\":\"plain\"}}");
            endpoint.postJson(client, "/api/v1/namespaces", "{\"metadata\":{\"name\":\"hooked\"}}");
            endpoint.postJson(client, "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations",
                    configuration("https://127.0.0.1:" + webhook.getAddress().getPort() + "/validate", caBundle));
            awaitWebhook(client, endpoint);

            System.err.println("[webhook] warming up: " + warmup + " creates per case");
            Histogram ignored = new Histogram(3);
            createMany(client, endpoint, "plain", "warm", warmup, ignored);
            createMany(client, endpoint, "hooked", "warm", warmup, ignored);

            Histogram plain = new Histogram(3);
            Histogram hooked = new Histogram(3);
            long callsBefore = webhookCalls.get();
            int perRound = Math.max(1, creates / rounds);
            for (int round = 0; round < rounds; round++) {
                System.err.println("[webhook] round " + (round + 1) + "/" + rounds + ": " + perRound + " creates per case");
                // Alternate which case goes first, so drift on a shared machine hits both alike.
                if (round % 2 == 0) {
                    createMany(client, endpoint, "plain", "r" + round, perRound, plain);
                    createMany(client, endpoint, "hooked", "r" + round, perRound, hooked);
                } else {
                    createMany(client, endpoint, "hooked", "r" + round, perRound, hooked);
                    createMany(client, endpoint, "plain", "r" + round, perRound, plain);
                }
            }
            long calls = webhookCalls.get() - callsBefore;
            String report = report(plain, hooked, calls);
            System.out.print(report);
            Files.createDirectories(repo.resolve("bench/results"));
            Path file = repo.resolve("bench/results/webhook-" + System.currentTimeMillis() + ".md");
            Files.writeString(file, report);
            System.err.println("[webhook] written to " + file);
            return calls == hooked.getTotalCount() ? 0 : 1;
        } finally {
            if (webhook != null) {
                webhook.stop(0);
            }
            webhookThreads.shutdownNow();
        }
    }

    private String report(Histogram plain, Histogram hooked, long calls) {
        double plain50 = LatencyRecorder.millis(plain, 50);
        double plain99 = LatencyRecorder.millis(plain, 99);
        double hooked50 = LatencyRecorder.millis(hooked, 50);
        double hooked99 = LatencyRecorder.millis(hooked, 99);
        StringBuilder out = new StringBuilder();
        out.append("ConfigMap create, one at a time over HTTPS, ").append(plain.getTotalCount()).append(" per case in ")
                .append(rounds).append(" alternating rounds; one validating webhook (HTTPS on 127.0.0.1, allows all); ")
                .append(calls).append(" webhook calls for ").append(hooked.getTotalCount()).append(" creates\n\n");
        out.append("| case | p50 ms | p99 ms |\n| --- | --- | --- |\n");
        out.append(String.format(Locale.ROOT, "| no webhook | %.2f | %.2f |%n", plain50, plain99));
        out.append(String.format(Locale.ROOT, "| one validating webhook | %.2f | %.2f |%n", hooked50, hooked99));
        out.append(String.format(Locale.ROOT, "| ratio (webhook / none) | %.2f | %.2f |%n", hooked50 / plain50, hooked99 / plain99));
        out.append(String.format(Locale.ROOT, "| added | %.2f | %.2f |%n", hooked50 - plain50, hooked99 - plain99));
        return out.toString();
    }

    private void createMany(HttpClient client, ApiEndpoint endpoint, String namespace, String prefix, int count,
            Histogram latencies) throws IOException, InterruptedException {
        String path = "/api/v1/namespaces/" + namespace + "/configmaps";
        for (int i = 0; i < count; i++) {
            String body = "{\"metadata\":{\"name\":\"" + prefix + "-" + i + "\"},\"data\":{\"k\":\"v\"}}";
            long start = System.nanoTime();
            int status = endpoint.postJson(client, path, body);
            latencies.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            if (status != 201) {
                throw new IllegalStateException("create in " + namespace + " answered " + status);
            }
        }
    }

    /** Creates probes in the selected namespace until the server has picked the configuration up from its watch. */
    private void awaitWebhook(HttpClient client, ApiEndpoint endpoint) throws IOException, InterruptedException {
        for (int i = 0; i < 600 && webhookCalls.get() == 0; i++) {
            endpoint.postJson(client, "/api/v1/namespaces/hooked/configmaps",
                    "{\"metadata\":{\"name\":\"probe-" + i + "\"},\"data\":{\"k\":\"v\"}}");
            Thread.sleep(100);
        }
        if (webhookCalls.get() == 0) {
            throw new IllegalStateException("the webhook was never called");
        }
    }

    private static String configuration(String url, String caBundle) {
        return "{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"ValidatingWebhookConfiguration\","
                + "\"metadata\":{\"name\":\"bench\"},\"webhooks\":[{\"name\":\"allow.bench.keel.dev\","
                + "\"clientConfig\":{\"url\":\"" + url + "\",\"caBundle\":\"" + caBundle + "\"},"
                + "\"rules\":[{\"operations\":[\"CREATE\"],\"apiGroups\":[\"\"],\"apiVersions\":[\"v1\"],\"resources\":[\"configmaps\"]}],"
                + "\"namespaceSelector\":{\"matchLabels\":{\"kubernetes.io/metadata.name\":\"hooked\"}},"
                + "\"sideEffects\":\"None\",\"admissionReviewVersions\":[\"v1\"]}]}";
    }


    private static final String STORE_PASSWORD = "bench-webhook";

    /** A self-signed EC certificate for 127.0.0.1 in a PKCS#12 store; returns it as PEM. */
    private static String makeCertificate(Path keyStore) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        keytool(List.of(keytool.toString(), "-genkeypair", "-alias", "webhook", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=bench-webhook", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD));
        String out = keytool(List.of(keytool.toString(), "-exportcert", "-rfc", "-alias", "webhook", "-keystore",
                keyStore.toString(), "-storepass", STORE_PASSWORD));
        String end = "-----END CERTIFICATE-----";
        int from = out.indexOf("-----BEGIN CERTIFICATE-----");
        int to = out.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException("keytool exported no PEM certificate: " + out);
        }
        return out.substring(from, to + end.length()) + "\n";
    }

    private static String keytool(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        return out;
    }

    private HttpsServer startWebhook(Path keyStore, ExecutorService threads) throws Exception {
        char[] password = STORE_PASSWORD.toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keyStore)) {
            keys.load(in, password);
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/validate", this::allow);
        server.setExecutor(threads);
        server.start();
        return server;
    }

    private void allow(HttpExchange exchange) throws IOException {
        webhookCalls.incrementAndGet();
        JsonNode review = JSON.readTree(exchange.getRequestBody().readAllBytes());
        ObjectNode answer = JSON.createObjectNode();
        answer.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        answer.putObject("response").put("uid", review.path("request").path("uid").asText()).put("allowed", true);
        byte[] body = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
