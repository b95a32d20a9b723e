package dev.keel.api.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.rest.ApiServerProperties;
import dev.keel.api.status.Statuses;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The discovery documents kubectl reads before anything else: /version, /api, /apis and per group-version lists. */
@RestController
public class DiscoveryController {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What each subresource is in discovery: kind, verbs, and a group/version when it differs from the parent's. */
    private static final Map<String, SubresourceInfo> SUBRESOURCES = Map.of(
            "status", new SubresourceInfo(null, null, null, List.of("get", "patch", "update")),
            "scale", new SubresourceInfo("autoscaling", "v1", "Scale", List.of("get", "patch", "update")),
            "binding", new SubresourceInfo(null, null, "Binding", List.of("create")),
            "eviction", new SubresourceInfo("policy", "v1", "Eviction", List.of("create")),
            "log", new SubresourceInfo(null, null, null, List.of("get")),
            "exec", new SubresourceInfo(null, null, "PodExecOptions", List.of("create", "get")),
            "attach", new SubresourceInfo(null, null, "PodAttachOptions", List.of("create", "get")),
            "portforward", new SubresourceInfo(null, null, "PodPortForwardOptions", List.of("create", "get")),
            "finalize", new SubresourceInfo(null, null, null, List.of("update")));

    private final ResourceRegistry registry;
    private final ApiServerProperties properties;

    public DiscoveryController(ResourceRegistry registry, ApiServerProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    @GetMapping(path = "/version", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode version() {
        String gitVersion = properties.getKubernetesVersion();
        String[] parts = gitVersion.replaceFirst("^v", "").split("\\.");
        ObjectNode version = NODES.objectNode();
        version.put("major", parts[0]);
        version.put("minor", parts.length > 1 ? parts[1] : "0");
        version.put("gitVersion", gitVersion);
        version.put("gitCommit", "keel");
        version.put("gitTreeState", "clean");
        version.put("buildDate", "2026-01-01T00:00:00Z");
        version.put("goVersion", "java" + System.getProperty("java.specification.version"));
        version.put("compiler", "javac");
        version.put("platform", "linux/amd64");
        return version;
    }

    @GetMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode coreVersions() {
        ObjectNode versions = NODES.objectNode();
        versions.put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        versions.putArray("serverAddressByClientCIDRs").addObject()
                .put("clientCIDR", "0.0.0.0/0").put("serverAddress", "127.0.0.1:6443");
        return versions;
    }

    @GetMapping(path = "/apis", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode groups() {
        ObjectNode list = NODES.objectNode();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (String group : registry.groups()) {
            if (!group.isEmpty()) {
                groups.add(group(group));
            }
        }
        return list;
    }

    @GetMapping(path = "/apis/{group}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode group(@PathVariable String group) {
        List<String> versions = registry.versions(group);
        if (group.isEmpty() || versions.isEmpty()) {
            throw Statuses.pathNotFound();
        }
        ObjectNode node = NODES.objectNode();
        node.put("kind", "APIGroup");
        node.put("apiVersion", "v1");
        node.put("name", group);
        ArrayNode versionList = node.putArray("versions");
        for (String version : versions) {
            versionList.addObject().put("groupVersion", group + "/" + version).put("version", version);
        }
        node.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0)).put("version", versions.get(0));
        return node;
    }

    @GetMapping(path = "/api/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode coreResources(@PathVariable String version) {
        return resources("", version);
    }

    @GetMapping(path = "/apis/{group}/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode groupResources(@PathVariable String group, @PathVariable String version) {
        return resources(group, version);
    }

    private ObjectNode resources(String group, String version) {
        List<ResourceType> types = registry.inGroupVersion(group, version);
        if (types.isEmpty()) {
            throw Statuses.pathNotFound();
        }
        ObjectNode list = NODES.objectNode();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : types) {
            ObjectNode resource = resources.addObject();
            resource.put("name", type.plural());
            resource.put("singularName", type.singular());
            resource.put("namespaced", type.namespaced());
            resource.put("kind", type.kind());
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
            for (String subresource : type.subresources().stream().sorted().toList()) {
                SubresourceInfo info = SUBRESOURCES.get(subresource);
                ObjectNode sub = resources.addObject();
                sub.put("name", type.plural() + "/" + subresource);
                sub.put("singularName", "");
                sub.put("namespaced", type.namespaced());
                if (info.group() != null) {
                    sub.put("group", info.group());
                    sub.put("version", info.version());
                }
                sub.put("kind", info.kind() == null ? type.kind() : info.kind());
                ArrayNode subVerbs = sub.putArray("verbs");
                info.verbs().forEach(subVerbs::add);
            }
        }
        return list;
    }

    private record SubresourceInfo(String group, String version, String kind, List<String> verbs) {
    }
}
