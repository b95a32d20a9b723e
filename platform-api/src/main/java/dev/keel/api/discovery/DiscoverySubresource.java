package dev.keel.api.discovery;

import java.util.List;
import java.util.Map;

/**
 * What a subresource is in discovery: its kind and verbs, and a group/version where they differ from the
 * parent resource's (null fields mean "the parent's").
 */
record DiscoverySubresource(String group, String version, String kind, List<String> verbs) {

    /** Stands for the parent's kind followed by {@code ProxyOptions} ({@code PodProxyOptions}, ...). */
    private static final String PROXY_OPTIONS = "*ProxyOptions";

    private static final List<String> PROXY_VERBS = List.of("create", "delete", "get", "patch", "update");

    private static final Map<String, DiscoverySubresource> BY_NAME = Map.ofEntries(
            Map.entry("status", new DiscoverySubresource(null, null, null, List.of("get", "patch", "update"))),
            Map.entry("scale", new DiscoverySubresource("autoscaling", "v1", "Scale", List.of("get", "patch", "update"))),
            Map.entry("binding", new DiscoverySubresource(null, null, "Binding", List.of("create"))),
            Map.entry("eviction", new DiscoverySubresource("policy", "v1", "Eviction", List.of("create"))),
            Map.entry("log", new DiscoverySubresource(null, null, null, List.of("get"))),
            Map.entry("exec", new DiscoverySubresource(null, null, "PodExecOptions", List.of("create", "get"))),
            Map.entry("attach", new DiscoverySubresource(null, null, "PodAttachOptions", List.of("create", "get"))),
            Map.entry("portforward",
                    new DiscoverySubresource(null, null, "PodPortForwardOptions", List.of("create", "get"))),
            Map.entry("ephemeralcontainers", new DiscoverySubresource(null, null, null, List.of("get", "patch", "update"))),
            Map.entry("proxy", new DiscoverySubresource(null, null, PROXY_OPTIONS, PROXY_VERBS)),
            Map.entry("finalize", new DiscoverySubresource(null, null, null, List.of("update"))));

    static DiscoverySubresource named(String name) {
        DiscoverySubresource subresource = BY_NAME.get(name);
        if (subresource == null) {
            throw new IllegalStateException("no discovery entry for subresource " + name);
        }
        return subresource;
    }

    /** The subresource's kind under a parent of kind {@code parentKind}. */
    String kindFor(String parentKind) {
        if (kind == null) {
            return parentKind;
        }
        return kind.equals(PROXY_OPTIONS) ? parentKind + "ProxyOptions" : kind;
    }
}
