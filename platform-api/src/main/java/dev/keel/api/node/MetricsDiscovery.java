package dev.keel.api.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Discovery entries of metrics.k8s.io/v1beta1 (PodMetrics, NodeMetrics: get and list), which platform-api serves
 * from the node agents rather than from etcd, so they are not in the resource registry.
 */
public final class MetricsDiscovery {

    public static final String GROUP = "metrics.k8s.io";
    public static final String VERSION = "v1beta1";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MetricsDiscovery() {
    }

    /** The APIGroup, for /apis and /apis/metrics.k8s.io. */
    public static ObjectNode group() {
        ObjectNode group = NODES.objectNode();
        group.put("kind", "APIGroup");
        group.put("apiVersion", "v1");
        group.put("name", GROUP);
        group.putArray("versions").addObject().put("groupVersion", GROUP + "/" + VERSION).put("version", VERSION);
        group.putObject("preferredVersion").put("groupVersion", GROUP + "/" + VERSION).put("version", VERSION);
        return group;
    }

    /** The APIResourceList of /apis/metrics.k8s.io/v1beta1. */
    public static ObjectNode resourceList() {
        ObjectNode list = NODES.objectNode();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", GROUP + "/" + VERSION);
        ArrayNode resources = list.putArray("resources");
        for (boolean pods : new boolean[] {false, true}) {
            ObjectNode resource = resources.addObject();
            resource.put("name", pods ? "pods" : "nodes");
            resource.put("singularName", "");
            resource.put("namespaced", pods);
            resource.put("kind", pods ? "PodMetrics" : "NodeMetrics");
            resource.putArray("verbs").add("get").add("list");
        }
        return list;
    }

    /** The APIGroupDiscovery item of aggregated discovery (apidiscovery.k8s.io v2 and v2beta1 share the shape). */
    public static ObjectNode aggregatedItem() {
        ObjectNode item = NODES.objectNode();
        item.putObject("metadata").put("name", GROUP);
        ObjectNode version = item.putArray("versions").addObject();
        version.put("version", VERSION);
        ArrayNode resources = version.putArray("resources");
        for (boolean pods : new boolean[] {false, true}) {
            ObjectNode resource = resources.addObject();
            resource.put("resource", pods ? "pods" : "nodes");
            resource.putObject("responseKind").put("group", GROUP).put("version", VERSION)
                .put("kind", pods ? "PodMetrics" : "NodeMetrics");
            resource.put("scope", pods ? "Namespaced" : "Cluster");
            resource.put("singularResource", "");
            resource.putArray("verbs").add("get").add("list");
        }
        version.put("freshness", "Current");
        return item;
    }
}
