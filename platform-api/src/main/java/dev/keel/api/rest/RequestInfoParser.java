package dev.keel.api.rest;

import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.Statuses;
import java.util.Arrays;
import java.util.List;

/**
 * Splits {@code /api/v1/...} and {@code /apis/GROUP/VERSION/...} paths into a {@link RequestInfo}, the way
 * Kubernetes' request-info factory does.
 */
public class RequestInfoParser {

    private final ResourceRegistry registry;

    public RequestInfoParser(ResourceRegistry registry) {
        this.registry = registry;
    }

    /** @throws dev.keel.api.status.ApiException 404 when the path names no served resource */
    public RequestInfo parse(String path) {
        List<String> parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
        String group;
        String version;
        List<String> rest;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            rest = parts.subList(2, parts.size());
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            rest = parts.subList(3, parts.size());
        } else {
            throw notFound(path);
        }
        if (rest.isEmpty()) {
            throw notFound(path);
        }
        String namespace = null;
        String resource;
        String name = null;
        String subresource = null;
        if (rest.get(0).equals("namespaces") && rest.size() >= 3 && !isNamespaceSubresource(rest)) {
            namespace = rest.get(1);
            resource = rest.get(2);
            name = rest.size() > 3 ? rest.get(3) : null;
            subresource = rest.size() > 4 ? rest.get(4) : null;
            if (rest.size() > 5) {
                throw notFound(path);
            }
        } else {
            resource = rest.get(0);
            name = rest.size() > 1 ? rest.get(1) : null;
            subresource = rest.size() > 2 ? rest.get(2) : null;
            if (rest.size() > 3) {
                throw notFound(path);
            }
        }
        ResourceType type = registry.find(group, version, resource)
                .orElseThrow(Statuses::pathNotFound);
        if (namespace != null && !type.namespaced()) {
            throw notFound(path);
        }
        if (subresource != null && !type.hasSubresource(subresource)) {
            throw notFound(path);
        }
        return new RequestInfo(type, namespace, name, subresource);
    }

    /** {@code namespaces/NAME/status} and {@code namespaces/NAME/finalize} address the namespace itself. */
    private static boolean isNamespaceSubresource(List<String> rest) {
        return rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize"));
    }

    private static dev.keel.api.status.ApiException notFound(String path) {
        return Statuses.pathNotFound();
    }
}
