package dev.keel.api.discovery;

import java.util.List;
import java.util.Map;

/**
 * What a subresource is in discovery: its kind and verbs, and a group/version where they differ from the
 * parent resource's (null fields mean "the parent's").
 */
record DiscoverySubresource(String group, String version, String kind, List<String> verbs) {

    private static final Map<String, DiscoverySubresource> BY_NAME = Map.of(
            "status", new DiscoverySubresource(null, null, null, List.of("get", "patch", "update")),
            "scale", new DiscoverySubresource("autoscaling", "v1", "Scale", List.of("get", "patch", "update")),
            "binding", new DiscoverySubresource(null, null, "Binding", List.of("create")),
            "eviction", new DiscoverySubresource("policy", "v1", "Eviction", List.of("create")),
            "log", new DiscoverySubresource(null, null, null, List.of("get")),
            "exec", new DiscoverySubresource(null, null, "PodExecOptions", List.of("create", "get")),
            "attach", new DiscoverySubresource(null, null, "PodAttachOptions", List.of("create", "get")),
            "portforward", new DiscoverySubresource(null, null, "PodPortForwardOptions", List.of("create", "get")),
            "finalize", new DiscoverySubresource(null, null, null, List.of("update")));

    static DiscoverySubresource named(String name) {
        DiscoverySubresource subresource = BY_NAME.get(name);
        if (subresource == null) {
            throw new IllegalStateException("no discovery entry for subresource " + name);
        }
        return subresource;
    }
}
