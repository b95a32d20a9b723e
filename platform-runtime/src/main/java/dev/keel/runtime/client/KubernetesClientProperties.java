package dev.keel.runtime.client;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a service reaches platform-api ({@code keel.client.*}): a kubeconfig file, or a URL with a CA certificate and
 * a bearer token file. The URL form wins when set.
 */
@ConfigurationProperties("keel.client")
public class KubernetesClientProperties {

    /** The kubeconfig to read when no {@code url} is set; the local cluster writes .platform/kubeconfig. */
    private Path kubeconfig = Path.of(".platform/kubeconfig");

    /** platform-api's URL, e.g. https://127.0.0.1:6443. */
    private String url;

    /** PEM file of the CA that signed platform-api's certificate (with {@code url}). */
    private Path caFile;

    /** File holding the bearer token to present (with {@code url}). */
    private Path tokenFile;

    /**
     * Watch with chunked HTTP responses, as kubectl and client-go do, rather than fabric8's default WebSocket watches.
     */
    private boolean httpWatches = true;

    /** Seconds a single request may take (watches excepted). */
    private int requestTimeoutSeconds = 30;

    /**
     * Times fabric8 repeats a request that got a 5xx, a 429 or an I/O error, waiting 100 ms, then twice as long each
     * time. Few: a reconcile that fails goes back to its rate-limited work queue, and fabric8's default of 10 held a
     * controller worker about 20 s per failing call.
     */
    private int requestRetries = 1;

    public Path getKubeconfig() {
        return kubeconfig;
    }

    public void setKubeconfig(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public Path getCaFile() {
        return caFile;
    }

    public void setCaFile(Path caFile) {
        this.caFile = caFile;
    }

    public Path getTokenFile() {
        return tokenFile;
    }

    public void setTokenFile(Path tokenFile) {
        this.tokenFile = tokenFile;
    }

    public boolean isHttpWatches() {
        return httpWatches;
    }

    public void setHttpWatches(boolean httpWatches) {
        this.httpWatches = httpWatches;
    }

    public int getRequestRetries() {
        return requestRetries;
    }

    public void setRequestRetries(int requestRetries) {
        this.requestRetries = requestRetries;
    }

    public int getRequestTimeoutSeconds() {
        return requestTimeoutSeconds;
    }

    public void setRequestTimeoutSeconds(int requestTimeoutSeconds) {
        this.requestTimeoutSeconds = requestTimeoutSeconds;
    }
}
