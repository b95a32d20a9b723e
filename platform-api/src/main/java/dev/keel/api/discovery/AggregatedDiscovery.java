package dev.keel.api.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import java.util.List;

/** The apidiscovery.k8s.io APIGroupDiscoveryList: every group, version, resource and subresource in one document. */
final class AggregatedDiscovery {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AggregatedDiscovery() {
    }

    /** The list for {@code groups} ("" is the core group), in apidiscovery version {@code version}. */
    static ObjectNode document(ResourceRegistry registry, String version, List<String> groups) {
        ObjectNode list = NODES.objectNode();
        list.put("kind", "APIGroupDiscoveryList");
        list.put("apiVersion", "apidiscovery.k8s.io/" + version);
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        for (String group : groups) {
            ObjectNode item = items.addObject();
            item.putObject("metadata").put("name", group);
            ArrayNode versions = item.putArray("versions");
            for (String groupVersion : registry.versions(group)) {
                ObjectNode versionNode = versions.addObject();
                versionNode.put("version", groupVersion);
                ArrayNode resources = versionNode.putArray("resources");
                for (ResourceType type : registry.inGroupVersion(group, groupVersion)) {
                    resources.add(resource(type));
                }
                versionNode.put("freshness", "Current");
            }
        }
        return list;
    }

    private static ObjectNode resource(ResourceType type) {
        ObjectNode resource = NODES.objectNode();
        resource.put("resource", type.plural());
        resource.set("responseKind", kind(type.group(), type.version(), type.kind()));
        resource.put("scope", type.namespaced() ? "Namespaced" : "Cluster");
        resource.put("singularResource", type.singular());
        putVerbsAndNames(resource, type);
        if (!type.subresources().isEmpty()) {
            ArrayNode subresources = resource.putArray("subresources");
            for (String name : type.subresources().stream().sorted().toList()) {
                DiscoverySubresource info = DiscoverySubresource.named(name);
                ObjectNode sub = subresources.addObject();
                sub.put("subresource", name);
                sub.set("responseKind", kind(info.group() == null ? type.group() : info.group(),
                        info.version() == null ? type.version() : info.version(),
                        info.kindFor(type.kind())));
                ArrayNode subVerbs = sub.putArray("verbs");
                info.verbs().forEach(subVerbs::add);
            }
        }
        return resource;
    }

    /** The verbs, short names and categories of a resource: the same fields in both forms of discovery. */
    static void putVerbsAndNames(ObjectNode resource, ResourceType type) {
        ArrayNode verbs = resource.putArray("verbs");
        ResourceType.STANDARD_VERBS.forEach(verbs::add);
        if (!type.shortNames().isEmpty()) {
            ArrayNode shortNames = resource.putArray("shortNames");
            type.shortNames().forEach(shortNames::add);
        }
        if (!type.categories().isEmpty()) {
            ArrayNode categories = resource.putArray("categories");
            type.categories().forEach(categories::add);
        }
    }

    private static ObjectNode kind(String group, String version, String kind) {
        ObjectNode node = NODES.objectNode();
        node.put("group", group);
        node.put("version", version);
        node.put("kind", kind);
        return node;
    }
}
