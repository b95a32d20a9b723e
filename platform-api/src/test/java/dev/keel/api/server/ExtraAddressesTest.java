package dev.keel.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.api.PlatformApiApplication;
import dev.keel.api.security.TlsClients;
import dev.keel.api.testing.EtcdServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * platform-api on 127.0.0.1 with 127.0.0.2 as an extra address: both serve the same HTTPS, any other local address
 * is refused (the server does not bind every interface).
 */
class ExtraAddressesTest {

    private static ConfigurableApplicationContext context;
    private static Path state;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        state = Files.createTempDirectory("keel-extra-addresses-");
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        context = PlatformApiApplication.application().run(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--keel.api.server.extra-addresses=127.0.0.2",
                "--keel.api.etcd.endpoints=" + EtcdServer.shared().endpoint(),
                "--keel.api.security.pki-dir=" + state.resolve("pki"),
                "--keel.api.security.kubeconfig=" + state.resolve("kubeconfig"),
                "--keel.api.etcd.compaction-interval=0s",
                "--spring.jmx.enabled=false",
                "--spring.autoconfigure.exclude=dev.keel.runtime.client.KubernetesClientAutoConfiguration");
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void servesHttpsOnTheMainAndTheExtraAddress() throws IOException {
        assertThat(statusLine("127.0.0.1")).startsWith("HTTP/1.1 200");
        assertThat(statusLine("127.0.0.2")).startsWith("HTTP/1.1 200");
    }

    @Test
    void refusesEveryOtherAddress() {
        assertThatThrownBy(() -> statusLine("127.0.0.3")).isInstanceOf(ConnectException.class);
    }

    /** The status line of GET /readyz over TLS trusting the cluster CA (IP addresses need no host name check). */
    private static String statusLine(String address) throws IOException {
        SSLContext tls = TlsClients.trusting(TlsClients.kubeconfigCa(state.resolve("kubeconfig")));
        try (Socket socket = tls.getSocketFactory().createSocket(address, port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /readyz HTTP/1.1\r\nHost: keel\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return response.lines().findFirst().orElse("");
        }
    }
}
