package dev.keel.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** SSL contexts that trust exactly the CA certificate(s) the platform-api of this run wrote. */
final class Tls {

    private Tls() {
    }

    /** Trusts {@code caFile}; the JDK HttpClient also checks that the server certificate names 127.0.0.1. */
    static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
        return context(trustManager(caFile));
    }

    /**
     * Trusts {@code caFile} but does not match the certificate's names against 127.0.0.1: the fallback for a
     * server certificate that names only a host name. The chain must still lead to that CA.
     */
    static SSLContext trustingWithoutHostCheck(Path caFile) throws IOException, GeneralSecurityException {
        X509TrustManager chain = trustManager(caFile);
        return context(new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
                    throws CertificateException {
                chain.checkServerTrusted(certs, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket)
                    throws CertificateException {
                chain.checkServerTrusted(certs, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
                chain.checkServerTrusted(certs, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
                    throws CertificateException {
                throw new CertificateException("client side only");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
                    throws CertificateException {
                throw new CertificateException("client side only");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
                throw new CertificateException("client side only");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return chain.getAcceptedIssuers();
            }
        });
    }

    private static X509TrustManager trustManager(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new CertificateException("no certificate in " + caFile);
            }
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("platform-ca-" + i++, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager");
    }

    private static SSLContext context(X509TrustManager trustManager) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustManager}, null);
        return context;
    }
}
