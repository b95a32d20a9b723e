package dev.keel.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keel.api.security.pki.CertificateKeyPair;
import dev.keel.api.security.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * SSL contexts for tests that talk to a platform-api with TLS on: trusting the cluster CA, optionally presenting
 * a client certificate (e.g. the one in the written admin kubeconfig).
 */
public final class TlsClients {

    private static final char[] PASSWORD = "test".toCharArray();

    private TlsClients() {
    }

    /** Trusts only {@code ca}; presents no client certificate. */
    public static SSLContext trusting(X509Certificate ca) {
        return context(ca, null);
    }

    /** Trusts only {@code ca} and presents {@code client}. */
    public static SSLContext withClientCertificate(X509Certificate ca, CertificateKeyPair client) {
        return context(ca, client);
    }

    /** The CA of the first cluster in {@code kubeconfig}. */
    public static X509Certificate kubeconfigCa(Path kubeconfig) {
        JsonNode cluster = read(kubeconfig).path("clusters").get(0).path("cluster");
        return Pem.certificate(decode(cluster.path("certificate-authority-data")), kubeconfig + " CA");
    }

    /** The client certificate and key of the first user in {@code kubeconfig}. */
    public static CertificateKeyPair kubeconfigClient(Path kubeconfig) {
        JsonNode user = read(kubeconfig).path("users").get(0).path("user");
        return new CertificateKeyPair(Pem.certificate(decode(user.path("client-certificate-data")), kubeconfig + " certificate"),
                Pem.privateKey(decode(user.path("client-key-data")), kubeconfig + " key"));
    }

    /** A TLS context trusting the kubeconfig's CA and presenting its client certificate. */
    public static SSLContext fromKubeconfig(Path kubeconfig) {
        return withClientCertificate(kubeconfigCa(kubeconfig), kubeconfigClient(kubeconfig));
    }

    private static SSLContext context(X509Certificate ca, CertificateKeyPair client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (client != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", client.privateKey(), PASSWORD, new Certificate[] {client.certificate()});
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not build a TLS context", e);
        }
    }

    private static JsonNode read(Path kubeconfig) {
        try {
            return new YAMLMapper().readTree(Files.readString(kubeconfig));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + kubeconfig, e);
        }
    }

    private static String decode(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.US_ASCII);
    }
}
