package dev.keel.api.admission.webhook;

import dev.keel.api.security.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust of one webhook: the certificates of its {@code caBundle} and nothing else, or the JVM's system
 * trust when the bundle is empty; with a {@code serverName}, the certificate must name it whatever address was
 * dialled.
 */
final class WebhookTls {

    private WebhookTls() {
    }

    /**
     * @param caBundle   base64 of PEM certificates, as stored; null or empty for the system trust
     * @param serverName the DNS name to verify instead of the dialled host, or null to verify the URL's host
     * @throws IllegalArgumentException when the bundle holds no readable certificate
     */
    static SSLContext context(String caBundle, String serverName) {
        try {
            X509TrustManager trust = trustManager(caBundle);
            TrustManager chosen = serverName == null ? trust : new ServerNameTrustManager(trust, serverName);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {chosen}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not build the webhook's TLS context: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(String caBundle) throws GeneralSecurityException, IOException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caBundle == null || caBundle.isEmpty()) {
            factory.init((KeyStore) null);
        } else {
            String pem = new String(Base64.getDecoder().decode(caBundle), StandardCharsets.UTF_8);
            List<X509Certificate> certificates = Pem.certificates(pem, "caBundle");
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            factory.init(store);
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager available");
    }
}
