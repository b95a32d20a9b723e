package dev.keel.api.node;

import dev.keel.api.status.Statuses;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET pods/log}: asks the pod's node agent for the container's log and copies the bytes through as they
 * come, flushing each chunk, so {@code kubectl logs -f} sees lines as the container writes them.
 */
public class PodLogProxy {

    private static final Logger log = LoggerFactory.getLogger(PodLogProxy.class);

    /** The log options passed on to the agent unchanged. */
    private static final List<String> OPTIONS =
        List.of("follow", "tailLines", "previous", "timestamps", "sinceSeconds", "sinceTime", "limitBytes");

    private final NodeLocator locator;
    private final HttpClient client;

    public PodLogProxy(NodeLocator locator, HttpClient client) {
        this.locator = locator;
        this.client = client;
    }

    public void proxy(String namespace, String pod, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
        NodeTarget target = locator.forPod(namespace, pod);
        String container = NodeLocator.container(target, request.getParameter("container"));
        StringJoiner query = new StringJoiner("&");
        for (String option : OPTIONS) {
            String value = request.getParameter(option);
            if (value != null) {
                query.add(option + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        URI uri = URI.create(target.baseUrl() + "/containerLogs/" + namespace + "/" + pod + "/" + container + "?"
            + query);
        HttpResponse<InputStream> answer;
        try {
            answer = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Statuses.unavailable("interrupted while asking node " + target.node() + " for logs", e);
        } catch (IOException e) {
            throw Statuses.unavailable("cannot reach the agent of node " + target.node() + " at " + target.baseUrl()
                + ": " + e.getMessage(), e);
        }
        try (InputStream body = answer.body()) {
            if (answer.statusCode() != 200) {
                throw NodeErrors.fromAgent(answer.statusCode(),
                    new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8), target.node());
            }
            response.setStatus(200);
            response.setContentType("text/plain");
            ServletOutputStream out = response.getOutputStream();
            out.flush(); // the status goes out now, even when the log stays quiet for a while
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
            // Usually the client went away (kubectl logs -f ended with ^C); closing the body ends the agent's stream.
            log.debug("Logs of {}/{}/{}: stream ended: {}", namespace, pod, container, e.toString());
        }
    }
}
