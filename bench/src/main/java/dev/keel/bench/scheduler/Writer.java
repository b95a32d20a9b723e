package dev.keel.bench.scheduler;

import dev.keel.bench.ControlPlane;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/** Creates objects through the API with a bounded number of requests in flight; any non-2xx answer fails the run. */
final class Writer {

    private final ControlPlane plane;
    private final HttpClient client;
    private final int inFlight;

    Writer(ControlPlane plane, int inFlight) {
        this.plane = plane;
        this.client = plane.newClient();
        this.inFlight = inFlight;
    }

    /**
     * Sends {@code count} requests, request i made by {@code requests}; {@code sent} is told the nanoTime just before
     * each is sent.
     */
    void send(int count, IntFunction<HttpRequest> requests, IntNanos sent) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        AtomicReference<String> failure = new AtomicReference<>();
        for (int i = 0; i < count && failure.get() == null; i++) {
            permits.acquire();
            HttpRequest request = requests.apply(i);
            sent.at(i, System.nanoTime());
            CompletableFuture<HttpResponse<String>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            response.whenComplete((answer, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, request.uri() + ": " + error);
                } else if (answer.statusCode() / 100 != 2) {
                    failure.compareAndSet(null, request.method() + " " + request.uri() + " answered " + answer.statusCode() + ": " + answer.body());
                }
                permits.release();
            });
        }
        permits.acquire(inFlight);
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
    }

    HttpRequest post(String path, String json) {
        return plane.request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    HttpRequest mergePatch(String path, String json) {
        return plane.request(path).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** Receives the send time of request i. */
    @FunctionalInterface
    interface IntNanos {
        void at(int index, long nanos);

        IntNanos IGNORE = (index, nanos) -> {
        };
    }
}
