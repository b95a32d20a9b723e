package dev.keel.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.security.TlsClients;
import dev.keel.api.security.pki.Pem;
import dev.keel.api.testing.ApiServerTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * Requests Tomcat answers before any servlet runs get kube-apiserver's codes and a Kubernetes Status, never a closed
 * connection or an HTML page: 431 for a request line or headers over the limit, 405 for CONNECT.
 */
class OversizedAndUnsupportedRequestsTest extends ApiServerTest {

    @Test
    void anOverlongUrlIs431WithAStatus() throws Exception {
        String answer = send("GET /api/v1/namespaces?labelSelector=" + "a".repeat(200_000) + " HTTP/1.1\r\n", "");

        assertThat(statusCode(answer)).as(head(answer)).isEqualTo(431);
        assertThat(status(answer).path("kind").asText()).isEqualTo("Status");
        assertThat(status(answer).path("code").asInt()).isEqualTo(431);
    }

    @Test
    void overlongHeadersAre431WithAStatus() throws Exception {
        String answer = send("GET /api/v1/namespaces HTTP/1.1\r\n", "X-Padding: " + "p".repeat(200_000) + "\r\n");

        assertThat(statusCode(answer)).as(head(answer)).isEqualTo(431);
        assertThat(status(answer).path("code").asInt()).isEqualTo(431);
    }

    @Test
    void aLongButLegalUrlIsAnswered() throws Exception {
        String answer = send("GET /api/v1/namespaces?labelSelector=a%3D" + "b".repeat(20_000) + " HTTP/1.1\r\n", "");

        // The selector's value is too long for a label value: the API itself answers.
        assertThat(statusCode(answer)).as(head(answer)).isEqualTo(400);
        assertThat(status(answer).path("message").asText()).contains("labelSelector");
    }

    @Test
    void connectIs405WithAStatus() throws Exception {
        String answer = send("CONNECT /api/v1/namespaces HTTP/1.1\r\n", "");

        assertThat(statusCode(answer)).as(head(answer)).isEqualTo(405);
        assertThat(status(answer).path("reason").asText()).isEqualTo("MethodNotAllowed");
    }

    private String send(String requestLine, String headers) throws IOException {
        SSLContext tls = TlsClients.trusting(Pem.readCertificate(stateDir().resolve("pki/ca.crt")));
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            String request = requestLine + "Host: 127.0.0.1\r\nAuthorization: Bearer " + readAdminToken() + "\r\n" + headers
                    + "Connection: close\r\n\r\n";
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // The server may answer and close before it has read an over-long request.
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    answer.write(buffer, 0, read);
                }
            } catch (IOException e) {
                if (answer.size() == 0) {
                    throw e;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static int statusCode(String answer) {
        return Integer.parseInt(answer.split(" ", 3)[1]);
    }

    private static String head(String answer) {
        return answer.length() > 600 ? answer.substring(0, 600) : answer;
    }

    private static JsonNode status(String answer) throws IOException {
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        if (body.startsWith("{") || body.isEmpty()) {
            return new ObjectMapper().readTree(body);
        }
        // Chunked: the JSON sits between the first chunk size line and the terminating chunk.
        return new ObjectMapper().readTree(body.substring(body.indexOf("{"), body.lastIndexOf("}") + 1));
    }
}
