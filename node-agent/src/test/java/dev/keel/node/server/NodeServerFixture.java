package dev.keel.node.server;

import dev.keel.api.security.pki.CertificateAuthority;
import dev.keel.api.security.pki.CertificateKeyPair;
import dev.keel.api.security.pki.CertificateProfile;
import dev.keel.api.security.pki.SubjectAlternativeNames;
import dev.keel.api.testing.PlatformApiServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Sets up a node agent's HTTPS endpoint as a cluster would: a serving certificate for 127.0.0.1 signed by the
 * suite platform-api's own CA, that CA as the trusted client CA, and a free loopback port.
 */
public final class NodeServerFixture {

    private NodeServerFixture() {
    }

    /** Fills {@code server} for a node listening on 127.0.0.1, with files in a new temporary directory. */
    public static void configure(NodeServerProperties server, PlatformApiServer api) throws IOException {
        Path dir = Files.createTempDirectory("keel-node-server-");
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(api.caCertificate().getParent(),
            Duration.ofDays(365), Clock.systemUTC());
        CertificateKeyPair serving = ca.issue(CertificateProfile.server("keel-node",
            SubjectAlternativeNames.parse(List.of("127.0.0.1", "localhost"))), Duration.ofDays(1));
        Files.writeString(dir.resolve("node.crt"), serving.certificatePem());
        // The agent reads PKCS#8 keys ("BEGIN PRIVATE KEY"), the form Netty and the JDK share.
        Files.writeString(dir.resolve("node.key"), "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(serving.privateKey().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
        server.setEnabled(true);
        server.setAddress("127.0.0.1");
        server.setPort(freePort());
        server.setCertificateFile(dir.resolve("node.crt"));
        server.setKeyFile(dir.resolve("node.key"));
        server.setClientCaFile(api.caCertificate());
        server.setLogPollInterval(Duration.ofMillis(100));
    }

    /** An HTTPS client presenting platform-api's kubelet-client certificate and trusting the cluster CA. */
    public static java.net.http.HttpClient kubeletClient(PlatformApiServer api) throws Exception {
        Path pki = api.caCertificate().getParent();
        CertificateKeyPair pair = CertificateKeyPair.load(pki.resolve("apiserver-kubelet-client.crt"),
            pki.resolve("apiserver-kubelet-client.key"));
        char[] password = new char[0];
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, password);
        keys.setKeyEntry("client", pair.privateKey(), password, new java.security.cert.Certificate[] {
            pair.certificate()});
        javax.net.ssl.KeyManagerFactory keyManagers = javax.net.ssl.KeyManagerFactory.getInstance(
            javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        java.security.KeyStore trusted = java.security.KeyStore.getInstance("PKCS12");
        trusted.load(null, password);
        trusted.setCertificateEntry("ca", CertificateKeyPair.load(api.caCertificate(), pki.resolve("ca.key"))
            .certificate());
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return java.net.http.HttpClient.newBuilder().sslContext(tls).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
