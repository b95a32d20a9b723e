package dev.keel.api.proxy;

import static org.springframework.web.bind.annotation.RequestMethod.DELETE;
import static org.springframework.web.bind.annotation.RequestMethod.GET;
import static org.springframework.web.bind.annotation.RequestMethod.HEAD;
import static org.springframework.web.bind.annotation.RequestMethod.OPTIONS;
import static org.springframework.web.bind.annotation.RequestMethod.PATCH;
import static org.springframework.web.bind.annotation.RequestMethod.POST;
import static org.springframework.web.bind.annotation.RequestMethod.PUT;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code pods/proxy}, {@code services/proxy} and {@code nodes/proxy}, every method (OPTIONS named, so Spring passes it
 * on rather than answering it itself), with or without a path after
 * {@code proxy}: what {@code kubectl get --raw .../proxy/...} and {@code kubectl proxy} users send. These paths are
 * more specific than {@code ResourceController}'s, so Spring routes them here.
 */
@RestController
public class ProxyController {

    private static final String PODS = "/api/v1/namespaces/{namespace}/pods/{name}/proxy";
    private static final String SERVICES = "/api/v1/namespaces/{namespace}/services/{name}/proxy";
    private static final String NODES = "/api/v1/nodes/{name}/proxy";

    private final ProxyTargets targets;
    private final HttpForwarder forwarder;

    public ProxyController(ProxyTargets targets, HttpForwarder forwarder) {
        this.targets = targets;
        this.forwarder = forwarder;
    }

    @RequestMapping(path = {PODS, PODS + "/**"}, method = {GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS})
    public void pod(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        proxy(7, () -> targets.pod(namespace, name), request, response);
    }

    @RequestMapping(path = {SERVICES, SERVICES + "/**"}, method = {GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS})
    public void service(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        proxy(7, () -> targets.service(namespace, name), request, response);
    }

    @RequestMapping(path = {NODES, NODES + "/**"}, method = {GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS})
    public void node(@PathVariable String name, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        proxy(5, () -> targets.node(name), request, response);
    }

    /**
     * @param proxySegment index of the {@code proxy} segment in the path split at {@code /} (the leading empty one
     *                     counted)
     */
    private void proxy(int proxySegment, Supplier<ProxyTarget> target, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        String uri = request.getRequestURI();
        String[] segments = uri.split("/", -1);
        String rest = String.join("/", Arrays.asList(segments).subList(proxySegment + 1, segments.length));
        boolean bare = segments.length == proxySegment + 1;
        ProxyTarget resolved = target.get();
        if (bare && (request.getMethod().equals("GET") || request.getMethod().equals("HEAD"))) {
            // As kube-apiserver: ".../proxy" becomes ".../proxy/", so relative links in the answer resolve below it.
            String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", uri + "/" + query);
            return;
        }
        forwarder.forward(resolved, "/" + rest, request, response);
    }
}
