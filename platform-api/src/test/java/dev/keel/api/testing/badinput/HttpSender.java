package dev.keel.api.testing.badinput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Sends requests to one API server over HTTPS: through java.net.http, or over a plain TLS socket for what
 * java.net.http refuses to send (CONNECT, megabyte-long request lines and headers).
 */
final class HttpSender {

    private static final int MAX_BODY = 256 * 1024;

    private final URI base;
    private final Credentials credentials;
    private final Duration timeout;
    private final HttpClient client;
    private final HttpClient anonymousClient;

    HttpSender(URI base, Credentials credentials, Duration timeout) {
        this.base = base;
        this.credentials = credentials;
        this.timeout = timeout;
        this.client = client(credentials.tls());
        this.anonymousClient = client(credentials.anonymousTls());
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Sends one request; path includes the query. */
    Answer send(String method, String path, String contentType, List<String> headers, String body, boolean anonymous) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            request.header(headers.get(i), headers.get(i + 1));
        }
        if (!anonymous && credentials.authorization() != null) {
            request.header("Authorization", credentials.authorization());
        }
        CompletableFuture<HttpResponse<byte[]>> pending = (anonymous ? anonymousClient : client)
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            Map<String, List<String>> lowered = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> lowered.put(name.toLowerCase(), values));
            byte[] bytes = response.body();
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_BODY), StandardCharsets.UTF_8);
            return new Answer(response.statusCode(), lowered, text, null);
        } catch (ExecutionException e) {
            return Answer.none(String.valueOf(e.getCause()));
        } catch (TimeoutException e) {
            pending.cancel(true);
            return Answer.none("no complete answer within " + timeout.multipliedBy(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.none("interrupted");
        }
    }

    /** Writes the request bytes itself over TLS and reads the answer until the server closes. */
    Answer sendRaw(String method, String path, List<String> headers, boolean anonymous) {
        SSLContext tls = anonymous ? credentials.anonymousTls() : credentials.tls();
        int port = base.getPort() == -1 ? 443 : base.getPort();
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(base.getHost(), port)) {
            socket.setSoTimeout((int) timeout.toMillis());
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(base.getHost()).append(':').append(port).append("\r\n");
            if (!anonymous && credentials.authorization() != null) {
                head.append("Authorization: ").append(credentials.authorization()).append("\r\n");
            }
            for (int i = 0; i + 1 < headers.size(); i += 2) {
                head.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
            }
            head.append("Accept: application/json\r\nConnection: close\r\n\r\n");
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // The server may answer (414, 431) and close before it has read all of an over-long request.
            }
            return readAnswer(socket.getInputStream());
        } catch (IOException e) {
            return Answer.none(e.toString());
        }
    }

    private static Answer readAnswer(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int read;
            while (bytes.size() < MAX_BODY && (read = in.read(buffer)) != -1) {
                bytes.write(buffer, 0, read);
            }
        } catch (IOException e) {
            if (bytes.size() == 0) {
                return Answer.none("connection closed without an answer: " + e);
            }
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.")) {
            return Answer.none(text.isEmpty() ? "connection closed without an answer" : "not an HTTP answer: "
                    + BadRequest.excerpt(text, 80));
        }
        int lineEnd = text.indexOf("\r\n");
        String[] statusLine = text.substring(0, lineEnd < 0 ? text.length() : lineEnd).split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        int headEnd = text.indexOf("\r\n\r\n");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (lineEnd >= 0) {
            for (String line : text.substring(lineEnd + 2, headEnd < 0 ? text.length() : headEnd).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(), name -> new ArrayList<>())
                            .add(line.substring(colon + 1).trim());
                }
            }
        }
        String body = headEnd < 0 ? "" : text.substring(headEnd + 4);
        return new Answer(status, headers, body, null);
    }
}
