package dev.keel.bench.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.bench.ControlPlane;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watches the benchmark namespace's pods and notes, per pod, the nanoTime at which its watch event first shows a
 * node: the end of its create-to-bind latency as a client sees it.
 */
final class BindWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long[] boundAt;
    private final CountDownLatch allBound;
    private final CountDownLatch firstBound = new CountDownLatch(1);
    private final Thread reader;
    private volatile InputStream stream;

    BindWatcher(ControlPlane plane, String namespace, int pods) throws Exception {
        this.boundAt = new long[pods];
        Arrays.fill(boundAt, -1);
        this.allBound = new CountDownLatch(pods);
        HttpClient client = plane.newClient();
        HttpResponse<InputStream> response = client.send(plane.request("/api/v1/namespaces/" + namespace
                + "/pods?watch=true&allowWatchBookmarks=false").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("pod watch answered " + response.statusCode());
        }
        stream = response.body();
        reader = new Thread(this::read, "bench-bind-watch");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.contains("\"nodeName\"")) {
                    continue;
                }
                long now = System.nanoTime();
                JsonNode pod = JSON.readTree(line).path("object");
                String node = pod.path("spec").path("nodeName").asText("");
                String name = pod.path("metadata").path("name").asText("");
                if (!node.isEmpty() && name.startsWith("pod-")) {
                    int index = Integer.parseInt(name.substring(4));
                    synchronized (boundAt) {
                        if (boundAt[index] < 0) {
                            boundAt[index] = now;
                            allBound.countDown();
                            firstBound.countDown();
                        }
                    }
                }
            }
        } catch (Exception e) {
            if (allBound.getCount() > 0 && stream != null) {
                ControlPlane.log("pod watch ended: %s", e);
            }
        }
    }

    /**
     * Waits until every pod is bound; gives up (false) once no pod was bound for {@code stallSeconds}, so a large case
     * may take as long as it progresses.
     */
    boolean awaitAll(long stallSeconds) throws InterruptedException {
        long remaining = allBound.getCount();
        while (!allBound.await(stallSeconds, TimeUnit.SECONDS)) {
            long now = allBound.getCount();
            if (now == remaining) {
                return false;
            }
            remaining = now;
        }
        return true;
    }

    /** Waits for the first bind; false if none came within the time given. */
    boolean awaitFirst(long seconds) throws InterruptedException {
        return firstBound.await(seconds, TimeUnit.SECONDS);
    }

    long remaining() {
        return allBound.getCount();
    }

    long[] boundAt() {
        synchronized (boundAt) {
            return boundAt.clone();
        }
    }

    @Override
    public void close() throws Exception {
        InputStream s = stream;
        stream = null;
        if (s != null) {
            s.close();
        }
    }
}
