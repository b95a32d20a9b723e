package dev.keel.api.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.node.MetricsDiscovery;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.rest.ApiServerProperties;
import dev.keel.api.status.Statuses;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The discovery documents kubectl reads before anything else: /version, /api, /apis and per group-version
 * lists, plus the aggregated form (apidiscovery.k8s.io/v2) newer clients ask for to learn everything in two
 * requests. Each path answers with a trailing slash too, as kube-apiserver's do (the official Java client asks for
 * {@code /version/} and {@code /apis/}).
 */
@RestController
public class DiscoveryController {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ResourceRegistry registry;
    private final ApiServerProperties properties;

    public DiscoveryController(ResourceRegistry registry, ApiServerProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    @GetMapping(path = {"/version", "/version/"})
    public ResponseEntity<ObjectNode> versionDocument() {
        return json(version());
    }

    private ObjectNode version() {
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

    @GetMapping(path = {"/api", "/api/"})
    public ResponseEntity<ObjectNode> core(@RequestHeader(name = "Accept", required = false) String accept) {
        String aggregated = aggregatedVersion(accept);
        if (aggregated != null) {
            return aggregatedResponse(aggregated, List.of(""));
        }
        return json(coreVersions());
    }

    @GetMapping(path = {"/apis", "/apis/"})
    public ResponseEntity<ObjectNode> named(@RequestHeader(name = "Accept", required = false) String accept) {
        String aggregated = aggregatedVersion(accept);
        if (aggregated != null) {
            ResponseEntity<ObjectNode> response =
                    aggregatedResponse(aggregated, registry.groups().stream().filter(g -> !g.isEmpty()).toList());
            ((ArrayNode) response.getBody().get("items")).add(MetricsDiscovery.aggregatedItem());
            return response;
        }
        return json(groups());
    }

    private ObjectNode coreVersions() {
        ObjectNode versions = NODES.objectNode();
        versions.put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        versions.putArray("serverAddressByClientCIDRs").addObject()
                .put("clientCIDR", "0.0.0.0/0").put("serverAddress", "127.0.0.1:6443");
        return versions;
    }

    private ObjectNode groups() {
        ObjectNode list = NODES.objectNode();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (String group : registry.groups()) {
            if (!group.isEmpty()) {
                groups.add(group(group));
            }
        }
        groups.add(MetricsDiscovery.group());
        return list;
    }

    @GetMapping(path = {"/apis/{group}", "/apis/{group}/"})
    public ResponseEntity<ObjectNode> groupDocument(@PathVariable String group) {
        return json(group(group));
    }

    private ObjectNode group(String group) {
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

    @GetMapping(path = {"/api/{version}", "/api/{version}/"})
    public ResponseEntity<ObjectNode> coreResources(@PathVariable String version) {
        return json(resources("", version));
    }

    @GetMapping(path = {"/apis/{group}/{version}", "/apis/{group}/{version}/"})
    public ResponseEntity<ObjectNode> groupResources(@PathVariable String group, @PathVariable String version) {
        return json(resources(group, version));
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
            AggregatedDiscovery.putVerbsAndNames(resource, type);
            for (String subresource : type.subresources().stream().sorted().toList()) {
                DiscoverySubresource info = DiscoverySubresource.named(subresource);
                ObjectNode sub = resources.addObject();
                sub.put("name", type.plural() + "/" + subresource);
                sub.put("singularName", "");
                sub.put("namespaced", type.namespaced());
                if (info.group() != null) {
                    sub.put("group", info.group());
                    sub.put("version", info.version());
                }
                sub.put("kind", info.kindFor(type.kind()));
                ArrayNode subVerbs = sub.putArray("verbs");
                info.verbs().forEach(subVerbs::add);
            }
        }
        return list;
    }

    /** {@code v2} or {@code v2beta1} when the client accepts aggregated discovery, else null. */
    private static String aggregatedVersion(String accept) {
        if (accept == null) {
            return null;
        }
        for (String range : accept.split(",")) {
            String normalized = range.replace(" ", "");
            if (normalized.startsWith("application/json;") && normalized.contains("g=apidiscovery.k8s.io")
                    && normalized.contains("as=APIGroupDiscoveryList")) {
                if (normalized.contains("v=v2beta1")) {
                    return "v2beta1";
                }
                if (normalized.contains("v=v2")) {
                    return "v2";
                }
            }
        }
        return null;
    }

    private ResponseEntity<ObjectNode> aggregatedResponse(String version, List<String> groups) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/json;g=apidiscovery.k8s.io;v=" + version
                        + ";as=APIGroupDiscoveryList"))
                .body(AggregatedDiscovery.document(registry, version, groups));
    }

    private static ResponseEntity<ObjectNode> json(ObjectNode body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

}
