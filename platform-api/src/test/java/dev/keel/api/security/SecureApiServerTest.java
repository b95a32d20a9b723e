package dev.keel.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.security.pki.CertificateAuthority;
import dev.keel.api.security.pki.CertificateKeyPair;
import dev.keel.api.security.pki.CertificateProfile;
import dev.keel.api.security.pki.ClientIdentity;
import dev.keel.api.security.pki.Pem;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.Kubectl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** platform-api over HTTPS with its own PKI, checked with the JDK's HTTP client and the real kubectl. */
class SecureApiServerTest extends ApiServerTest {

    private static final String UNAUTHORIZED = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized",
             "reason":"Unauthorized","code":401}""";

    private final Path state = stateDir();

    @Test
    void noCredentialsGetUnauthorizedStatus() throws Exception {
        for (String path : List.of("/api", "/apis", "/api/v1/namespaces", "/actuator/health")) {
            HttpResponse<String> response = get(trustingCa(), path, null);

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(json(response.body())).isEqualTo(json(UNAUTHORIZED));
        }
    }

    @Test
    void aWrongTokenIsUnauthorized() throws Exception {
        HttpResponse<String> response = get(trustingCa(), "/api", "Bearer 0123456789abcdef");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response.body())).isEqualTo(json(UNAUTHORIZED));
    }

    @Test
    void theAdminTokenIsAccepted() throws Exception {
        String token = Files.readString(state.resolve("admin-token")).strip();

        HttpResponse<String> response = get(trustingCa(), "/api", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).path("kind").asText()).isEqualTo("APIVersions");
    }

    @Test
    void theKubeconfigClientCertificateIsAccepted() throws Exception {
        SSLContext admin = TlsClients.fromKubeconfig(state.resolve("kubeconfig"));

        HttpResponse<String> api = get(admin, "/api", null);
        HttpResponse<String> namespaces = get(admin, "/api/v1/namespaces/default", null);

        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(namespaces.statusCode()).as(namespaces.body()).isEqualTo(200);
        assertThat(json(namespaces.body()).path("metadata").path("name").asText()).isEqualTo("default");
    }

    @Test
    void healthNeedsNoCredentials() throws Exception {
        for (String path : List.of("/livez", "/readyz", "/healthz")) {
            HttpResponse<String> response = get(trustingCa(), path, null);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok");
        }
    }

    @Test
    void versionAnswersAnonymousCallersAsKubernetesPublicInfoViewerAllows() throws Exception {
        HttpResponse<String> response = get(trustingCa(), "/version", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).path("gitVersion").asText()).startsWith("v");
    }

    @Test
    void healthAnswersWhateverTheAccept() throws Exception {
        for (String accept : List.of("application/json", "application/xml", "text/html", "application/vnd.kubernetes.protobuf",
                "image/png", "*/*")) {
            for (String path : List.of("/livez", "/readyz", "/healthz")) {
                HttpResponse<String> response = HttpClient.newBuilder().sslContext(trustingCa()).build().send(
                        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).header("Accept", accept).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as(path + " accepting " + accept).isEqualTo(200);
                assertThat(response.body()).isEqualTo("ok");
            }
        }
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefused() {
        CertificateAuthority stranger = CertificateAuthority.create("keel-ca", Duration.ofDays(1), Clock.systemUTC());
        CertificateKeyPair forged = stranger.issue(CertificateProfile.client(ClientIdentity.admin()), Duration.ofDays(1));
        SSLContext context = TlsClients.withClientCertificate(ca(), forged);

        // Refused in the TLS handshake, before any request is read (Kubernetes would answer 401).
        assertThatThrownBy(() -> get(context, "/api", null)).isInstanceOf(IOException.class);
    }

    @Test
    void plainHttpIsNotServed() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/livez")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void writesOwnerOnlyCredentialsAndAKubeconfigForThisServer() throws Exception {
        for (Path secret : List.of(state.resolve("kubeconfig"), state.resolve("admin-token"), state.resolve("pki/ca.key"),
                state.resolve("pki/apiserver.key"), state.resolve("pki/admin.key"), state.resolve("pki/tokens.csv"))) {
            assertThat(Files.getPosixFilePermissions(secret)).as(secret.toString())
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.readString(state.resolve("kubeconfig"))).contains("server: https://127.0.0.1:" + port + "\n");
        assertThat(TlsClients.kubeconfigCa(state.resolve("kubeconfig"))).isEqualTo(ca());
        assertThat(ClientIdentity.of(TlsClients.kubeconfigClient(state.resolve("kubeconfig")).certificate()))
                .isEqualTo(ClientIdentity.admin());
    }

    @Test
    void kubectlListsTheDefaultNamespacesWithTheWrittenKubeconfig() {
        Kubectl kubectl = new Kubectl("1.32", state.resolve("kubeconfig"));
        assertThat(kubectl.available()).as("kubectl on this machine").isTrue();

        Kubectl.Result result = kubectl.run("get", "ns", "-o", "name");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out().lines().toList()).contains("namespace/default", "namespace/kube-system",
                "namespace/kube-public", "namespace/kube-node-lease");
    }

    private X509Certificate ca() {
        return Pem.readCertificate(state.resolve("pki/ca.crt"));
    }

    private SSLContext trustingCa() {
        return TlsClients.trusting(ca());
    }

    private HttpResponse<String> get(SSLContext tls, String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws IOException {
        return new ObjectMapper().readTree(body);
    }
}
