package dev.keel.node.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent's HTTPS endpoint for platform-api ({@code keel.node.server.*}, nested in {@code NodeAgentProperties}): container logs, exec and resource
 * metrics. TLS both ways: the agent's serving certificate is signed by the cluster CA (platform-api verifies it
 * against that CA and the node's address), and only clients whose certificate the cluster CA signed and whose
 * common name is {@link #getAllowedClient()} are served.
 */
public class NodeServerProperties {

    /**
     * Whether the agent serves the endpoint (it then needs the three certificate files). Off, the Node publishes
     * port 0 and platform-api answers logs, exec and metrics for its pods with 503.
     */
    private boolean enabled = false;

    /** Address to listen on; it must be the node's InternalIP (or a wildcard covering it). */
    private String address = "0.0.0.0";

    /** Port, published on the Node as status.daemonEndpoints.kubeletEndpoint.port. */
    private int port = 10250;

    /** PEM serving certificate, signed by the cluster CA, naming the node's addresses. */
    private Path certificateFile;

    /** PEM private key of the serving certificate. */
    private Path keyFile;

    /** PEM CA certificate that signs the client certificates accepted (the cluster CA). */
    private Path clientCaFile;

    /** Common name of the one client served: platform-api's certificate for talking to node agents. */
    private String allowedClient = "keel-apiserver-kubelet-client";

    /** How often a followed log file is looked at again when it has no new lines. */
    private Duration logPollInterval = Duration.ofMillis(200);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public Path getCertificateFile() {
        return certificateFile;
    }

    public void setCertificateFile(Path certificateFile) {
        this.certificateFile = certificateFile;
    }

    public Path getKeyFile() {
        return keyFile;
    }

    public void setKeyFile(Path keyFile) {
        this.keyFile = keyFile;
    }

    public Path getClientCaFile() {
        return clientCaFile;
    }

    public void setClientCaFile(Path clientCaFile) {
        this.clientCaFile = clientCaFile;
    }

    public String getAllowedClient() {
        return allowedClient;
    }

    public void setAllowedClient(String allowedClient) {
        this.allowedClient = allowedClient;
    }

    public Duration getLogPollInterval() {
        return logPollInterval;
    }

    public void setLogPollInterval(Duration logPollInterval) {
        this.logPollInterval = logPollInterval;
    }
}
