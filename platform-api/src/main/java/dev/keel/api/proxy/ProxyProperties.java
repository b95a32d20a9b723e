package dev.keel.api.proxy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The proxy subresources ({@code pods/proxy}, {@code services/proxy}, {@code nodes/proxy}): how long platform-api
 * waits for the pod, endpoint or node agent it forwards to ({@code keel.api.proxy.*}).
 */
@ConfigurationProperties("keel.api.proxy")
public class ProxyProperties {

    /** How long connecting to the backend may take before the request fails with 503. */
    private Duration connectTimeout = Duration.ofSeconds(5);

    /**
     * How long the backend may take to answer with its status and headers before the request fails with 503; the
     * body then streams for as long as the backend sends it.
     */
    private Duration responseTimeout = Duration.ofSeconds(60);

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }
}
