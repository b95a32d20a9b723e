package dev.keel.api.proxy;

import dev.keel.api.status.Statuses;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards one HTTP request, any method, to a proxy target and streams the answer back as it comes: status, the
 * end-to-end headers and the body, flushed whenever the backend pauses. A backend that cannot be reached, or that does
 * not answer within {@code responseTimeout}, is a 503 naming it ("error trying to reach service", kube-apiserver's
 * words); the client's credentials never leave platform-api.
 */
public class HttpForwarder {

    private static final Logger log = LoggerFactory.getLogger(HttpForwarder.class);

    /** Hop-by-hop headers, those the JDK client sets itself, and the client's credentials for platform-api. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
            "authorization", "http2-settings");

    private final Duration responseTimeout;

    public HttpForwarder(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    /**
     * @param rawPath the path after {@code /proxy}, still percent-encoded, starting with {@code /}
     */
    public void forward(ProxyTarget target, String rawPath, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        URI uri = URI.create(target.base() + rawPath + query);
        HttpRequest.Builder outgoing = HttpRequest.newBuilder(uri).timeout(responseTimeout)
                .method(request.getMethod(), body(request));
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    outgoing.header(name, value);
                }
            }
        }
        HttpResponse<InputStream> answer;
        try {
            answer = target.client().send(outgoing.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Statuses.unavailable("interrupted while proxying to " + target.description(), e);
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(target, uri, "connection timed out", e);
        } catch (HttpTimeoutException e) {
            throw unreachable(target, uri, "no answer within " + responseTimeout.toSeconds() + "s", e);
        } catch (ConnectException e) {
            throw unreachable(target, uri, "connection refused", e);
        } catch (IOException | UncheckedIOException e) {
            throw unreachable(target, uri, String.valueOf(e.getMessage()), e);
        }
        try (InputStream body = answer.body()) {
            response.setStatus(answer.statusCode());
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(value -> response.addHeader(name, value));
                }
            });
            ServletOutputStream out = response.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int read;
            while ((read = body.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                if (body.available() == 0) {
                    out.flush();
                }
            }
            out.flush();
        } catch (IOException e) {
            // The client went away or the backend broke off; the status is already sent, so only the log can say.
            log.debug("Proxy {} {} to {}: stream ended: {}", request.getMethod(), uri, target.description(), e.toString());
        }
    }

    private static HttpRequest.BodyPublisher body(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length == 0 || (length < 0 && !chunked)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return request.getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException("reading the request body to proxy", e);
            }
        });
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    private static dev.keel.api.status.ApiException unreachable(ProxyTarget target, URI uri, String why, Exception e) {
        log.info("Proxy to {} at {}: {}", target.description(), uri, why);
        return Statuses.unavailable("error trying to reach service: " + target.description() + " at "
                + uri.getScheme() + "://" + uri.getRawAuthority() + ": " + why, e);
    }
}
