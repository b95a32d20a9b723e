package dev.keel.api.rest;

import dev.keel.api.resource.ResourceType;

/**
 * Where a resource request points: the type, and optionally a namespace, a name and a subresource.
 * {@code namespace} is null for cluster-scoped types and for lists across all namespaces.
 */
public record RequestInfo(ResourceType type, String namespace, String name, String subresource) {

    public boolean isCollection() {
        return name == null;
    }

    public String group() {
        return type.group();
    }

    public String resource() {
        return type.plural();
    }

    /** {@code pods/status} style name used in metrics and messages. */
    public String resourceWithSubresource() {
        return subresource == null ? type.plural() : type.plural() + "/" + subresource;
    }
}
