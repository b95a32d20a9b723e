package dev.keel.api.testing.badinput;

import dev.keel.api.security.TlsClients;
import dev.keel.api.security.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;

/**
 * How the run authenticates: a bearer token and/or a client certificate, over TLS trusting the cluster CA.
 * {@link #anonymousTls()} is the same trust without any identity, for the requests that must work anonymously.
 */
public final class Credentials {

    private final SSLContext tls;
    private final SSLContext anonymousTls;
    private final String bearerToken;

    private Credentials(SSLContext tls, SSLContext anonymousTls, String bearerToken) {
        this.tls = tls;
        this.anonymousTls = anonymousTls;
        this.bearerToken = bearerToken;
    }

    /** A bearer token, trusting the CA certificate (PEM) at {@code caCertificate}. */
    public static Credentials bearerToken(Path caCertificate, String token) {
        X509Certificate ca = Pem.readCertificate(caCertificate);
        SSLContext trust = TlsClients.trusting(ca);
        return new Credentials(trust, trust, token);
    }

    /** The client certificate and CA of the first user and cluster of {@code kubeconfig}. */
    public static Credentials kubeconfig(Path kubeconfig) {
        return new Credentials(TlsClients.fromKubeconfig(kubeconfig), TlsClients.trusting(TlsClients.kubeconfigCa(kubeconfig)),
                null);
    }

    /**
     * The local cluster's admin: {@code <platformDir>/kubeconfig} (client certificate and CA) and
     * {@code <platformDir>/admin-token}, as {@code ./platform up} writes them under {@code .platform}.
     */
    public static Credentials platformDir(Path platformDir) {
        Path kubeconfig = platformDir.resolve("kubeconfig");
        String token;
        try {
            token = Files.readString(platformDir.resolve("admin-token")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no admin token in " + platformDir, e);
        }
        return new Credentials(TlsClients.fromKubeconfig(kubeconfig), TlsClients.trusting(TlsClients.kubeconfigCa(kubeconfig)),
                token);
    }

    SSLContext tls() {
        return tls;
    }

    SSLContext anonymousTls() {
        return anonymousTls;
    }

    /** The Authorization header value, or null when only the client certificate identifies the caller. */
    String authorization() {
        return bearerToken == null ? null : "Bearer " + bearerToken;
    }
}
