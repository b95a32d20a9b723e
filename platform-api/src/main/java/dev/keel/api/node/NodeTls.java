package dev.keel.api.node;

import dev.keel.api.security.ClusterCredentials;
import dev.keel.api.security.pki.CertificateKeyPair;
import dev.keel.api.security.pki.ClientIdentity;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS context for talking to node agents: trusts the cluster CA only, presents platform-api's client cert. */
public final class NodeTls {

    /** File name (under the PKI directory) of the client certificate platform-api shows node agents. */
    public static final String CLIENT_CERTIFICATE = "apiserver-kubelet-client";

    private NodeTls() {
    }

    public static SSLContext context(ClusterCredentials credentials, String clientName) {
        CertificateKeyPair client = credentials.issued().ensureClient(CLIENT_CERTIFICATE,
            new ClientIdentity(clientName, List.of("system:masters")));
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, password);
            keys.setKeyEntry("client", client.privateKey(), password,
                new Certificate[] {client.certificate(), credentials.ca().certificate()});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, password);
            trusted.setCertificateEntry("cluster-ca", credentials.ca().certificate());
            TrustManagerFactory trustManagers =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS context for node agents", e);
        }
    }
}
