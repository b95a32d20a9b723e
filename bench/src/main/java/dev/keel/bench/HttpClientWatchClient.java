package dev.keel.bench;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Watch streams over the JDK HttpClient (used for https): {@code threads} clients, each with its own NIO
 * selector thread and a 2-thread executor that delivers the bytes; streams are spread over the clients.
 */
final class HttpClientWatchClient implements WatchClient {

    private final ApiEndpoint endpoint;
    private final HttpClient[] clients;
    private final ExecutorService[] executors;
    private int next;

    HttpClientWatchClient(ApiEndpoint endpoint, int threads, String name) {
        this.endpoint = endpoint;
        this.clients = new HttpClient[threads];
        this.executors = new ExecutorService[threads];
        for (int i = 0; i < threads; i++) {
            executors[i] = Executors.newFixedThreadPool(2, Threads.daemon(name + "-" + i));
            clients[i] = endpoint.newClient(executors[i]);
        }
    }

    @Override
    public synchronized Stream open(String pathAndQuery, Lines lines) {
        HttpClient client = clients[next++ % clients.length];
        return WatchConnection.open(client, endpoint, pathAndQuery, lines);
    }

    @Override
    public String description() {
        return "JDK HttpClient over TLS, " + clients.length + " client(s), each one NIO selector thread plus 2 "
                + "delivery threads; lines cut and scanned as bytes";
    }

    @Override
    public void close() {
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
        }
    }
}
