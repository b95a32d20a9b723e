package dev.keel.api.security;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** TLS, PKI and authentication of the API server ({@code keel.api.security.*}). */
@ConfigurationProperties("keel.api.security")
public class ApiSecurityProperties {

    /**
     * Serve HTTPS with the cluster PKI. Off only for special setups (e.g. behind a TLS-terminating proxy); client
     * certificates cannot authenticate then, bearer tokens still must.
     */
    private boolean tlsEnabled = true;

    /** Where the CA and the issued certificates live (ca.crt, ca.key, apiserver.crt, admin.crt, ...). */
    private Path pkiDir = Path.of(".platform/pki");

    /** Names and addresses the serving certificate is valid for; IP literals become IP SANs, the rest DNS SANs. */
    private List<String> serverSans = List.of("127.0.0.1", "localhost", "kubernetes", "kubernetes.default",
            "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "10.96.0.1", "10.200.0.1");

    /**
     * Static bearer tokens, Kubernetes' token file format: {@code token,user,uid,"group1,group2"} per line. Default:
     * {@code tokens.csv} in the PKI directory. Created with one admin token when absent.
     */
    private Path tokenFile;

    /** The admin kubeconfig written at start; the admin's bearer token goes next to it as {@code admin-token}. */
    private Path kubeconfig = Path.of(".platform/kubeconfig");

    /**
     * The server URL written into the kubeconfig. Default: {@code https://127.0.0.1:<the port the server listens
     * on>}, i.e. https://127.0.0.1:6443 with the default port.
     */
    private URI serverUrl;

    /** Lifetime of the certificates issued (server, admin, components); they are reissued with a third left. */
    private Duration certValidity = Duration.ofDays(365);

    /** Lifetime of a newly created CA. */
    private Duration caValidity = Duration.ofDays(3650);

    public boolean isTlsEnabled() {
        return tlsEnabled;
    }

    public void setTlsEnabled(boolean tlsEnabled) {
        this.tlsEnabled = tlsEnabled;
    }

    public Path getPkiDir() {
        return pkiDir;
    }

    public void setPkiDir(Path pkiDir) {
        this.pkiDir = pkiDir;
    }

    public List<String> getServerSans() {
        return serverSans;
    }

    public void setServerSans(List<String> serverSans) {
        this.serverSans = serverSans;
    }

    public Path getTokenFile() {
        return tokenFile;
    }

    public void setTokenFile(Path tokenFile) {
        this.tokenFile = tokenFile;
    }

    /** The token file actually used: the configured one or tokens.csv in the PKI directory. */
    public Path resolvedTokenFile() {
        return tokenFile != null ? tokenFile : pkiDir.resolve("tokens.csv");
    }

    public Path getKubeconfig() {
        return kubeconfig;
    }

    public void setKubeconfig(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** Where the admin's bearer token is written: next to the kubeconfig. */
    public Path adminTokenFile() {
        Path parent = kubeconfig.toAbsolutePath().getParent();
        return parent.resolve("admin-token");
    }

    public URI getServerUrl() {
        return serverUrl;
    }

    public void setServerUrl(URI serverUrl) {
        this.serverUrl = serverUrl;
    }

    public Duration getCertValidity() {
        return certValidity;
    }

    public void setCertValidity(Duration certValidity) {
        this.certValidity = certValidity;
    }

    public Duration getCaValidity() {
        return caValidity;
    }

    public void setCaValidity(Duration caValidity) {
        this.caValidity = caValidity;
    }
}
