package dev.keel.api.proxy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The proxy subresources ({@code pods/proxy}, {@code services/proxy}, {@code nodes/proxy}): how long platform-api
 * waits for the pod, endpoint or node agent it forwards to, and which addresses it refuses to dial
 * ({@code keel.api.proxy.*}).
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

    /**
     * Address ranges no proxied request may reach (pod IPs, endpoint addresses, node addresses). The default refuses
     * what kube-apiserver refuses (everything but global unicast): unspecified, loopback, link-local, multicast and
     * broadcast. A test whose node agent or backend listens on loopback may drop {@code 127.0.0.0/8} explicitly.
     */
    private List<String> refusedRanges = new ArrayList<>(List.of("0.0.0.0/32", "127.0.0.0/8", "169.254.0.0/16",
            "224.0.0.0/4", "255.255.255.255/32", "::/128", "::1/128", "fe80::/10", "ff00::/8"));

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

    public List<String> getRefusedRanges() {
        return refusedRanges;
    }

    public void setRefusedRanges(List<String> refusedRanges) {
        this.refusedRanges = refusedRanges;
    }
}
