package dev.keel.node.probe;

import dev.keel.node.cri.v1.ExecSyncResponse;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.runtime.ContainerRuntimeException;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Runs one probe as the kubelet does: exec through the runtime's ExecSync (exit code 0 passes), HTTP GET to the pod
 * IP (a status from 200 to 399 passes; redirects are not followed) and a TCP connect to the pod IP. The node reaches
 * its pods' addresses on its own bridge. A hollow node ({@code network} false) has no pod network: its HTTP and TCP
 * probes pass, its exec probes go to the simulated runtime.
 */
public class Prober {

    /** Headers a probe request may not set itself. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "host", "expect", "upgrade");

    private final ContainerRuntime runtime;
    private final boolean network;
    private final HttpClient http;

    public Prober(ContainerRuntime runtime, boolean network) {
        this.runtime = runtime;
        this.network = network;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public ProbeOutcome run(Probe probe, Container container, String containerId, String podIp, Duration timeout) {
        if (probe.getExec() != null) {
            return exec(probe.getExec().getCommand(), containerId, timeout);
        }
        if (probe.getHttpGet() != null) {
            return httpGet(probe.getHttpGet(), container, podIp, timeout);
        }
        if (probe.getTcpSocket() != null) {
            return network ? tcp(probe.getTcpSocket(), container, podIp, timeout) : ProbeOutcome.passed();
        }
        return ProbeOutcome.failed("probe has no handler (exec, httpGet or tcpSocket)");
    }

    /** Runs the command in the container; exit code 0 passes. Also the preStop hook's exec handler. */
    public ProbeOutcome exec(List<String> command, String containerId, Duration timeout) {
        try {
            ExecSyncResponse response = runtime.execSync(containerId, command, timeout);
            if (response.getExitCode() == 0) {
                return ProbeOutcome.passed();
            }
            String output = (response.getStdout().toStringUtf8() + response.getStderr().toStringUtf8()).strip();
            return ProbeOutcome.failed("command " + command + " exited with " + response.getExitCode()
                + (output.isEmpty() ? "" : ": " + output));
        } catch (ContainerRuntimeException e) {
            return ProbeOutcome.failed(e.getMessage());
        }
    }

    /** GETs the action's URL (the pod IP unless it names a host); 200-399 passes. Also the preStop hook's handler. */
    public ProbeOutcome httpGet(HTTPGetAction action, Container container, String podIp, Duration timeout) {
        if (!network) {
            return ProbeOutcome.passed();
        }
        String host = action.getHost() == null || action.getHost().isEmpty() ? podIp : action.getHost();
        String scheme = action.getScheme() == null ? "http" : action.getScheme().toLowerCase();
        String path = action.getPath() == null || action.getPath().isEmpty() ? "/" : action.getPath();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        URI uri;
        try {
            uri = URI.create(scheme + "://" + host + ":" + port(action.getPort(), container) + path);
        } catch (IllegalArgumentException e) {
            return ProbeOutcome.failed("probe URL: " + e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
            .header("User-Agent", "keel-probe/1.0");
        if (action.getHttpHeaders() != null) {
            action.getHttpHeaders().stream().filter(header -> !RESTRICTED_HEADERS.contains(header.getName().toLowerCase()))
                .forEach(header -> request.header(header.getName(), header.getValue()));
        }
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 400 ? ProbeOutcome.passed()
                : ProbeOutcome.failed("HTTP probe failed with statuscode: " + status);
        } catch (IOException e) {
            return ProbeOutcome.failed("Get \"" + uri + "\": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeOutcome.failed("interrupted");
        }
    }

    private ProbeOutcome tcp(TCPSocketAction action, Container container, String podIp, Duration timeout) {
        String host = action.getHost() == null || action.getHost().isEmpty() ? podIp : action.getHost();
        int port;
        try {
            port = port(action.getPort(), container);
        } catch (IllegalArgumentException e) {
            return ProbeOutcome.failed(e.getMessage());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return ProbeOutcome.passed();
        } catch (IOException e) {
            return ProbeOutcome.failed("dial tcp " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /** A port number, or the name of one of the container's ports. */
    static int port(IntOrString port, Container container) {
        if (port == null) {
            throw new IllegalArgumentException("probe has no port");
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        String name = port.getStrVal();
        if (name.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(name);
        }
        return container.getPorts() == null ? failNamedPort(name) : container.getPorts().stream()
            .filter(candidate -> name.equals(candidate.getName())).mapToInt(candidate -> candidate.getContainerPort())
            .findFirst().orElseGet(() -> failNamedPort(name));
    }

    private static int failNamedPort(String name) {
        throw new IllegalArgumentException("container has no port named " + name);
    }
}
