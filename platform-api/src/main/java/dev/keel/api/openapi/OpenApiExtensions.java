package dev.keel.api.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Kubernetes vendor extensions kubectl reads from the documents. */
final class OpenApiExtensions {

    static final String GROUP_VERSION_KIND = "x-kubernetes-group-version-kind";
    static final String ACTION = "x-kubernetes-action";

    private OpenApiExtensions() {
    }

    static ObjectNode gvk(GroupVersionKind gvk) {
        // Key order and exactly these three keys matter: explain compares the operation's object with the
        // entries of the definition's list as whole maps.
        ObjectNode node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.put("group", gvk.group());
        node.put("kind", gvk.kind());
        node.put("version", gvk.version());
        return node;
    }

    /** Marks a definition as the schema of a kind (definitions carry a list, operations a single object). */
    static void setKind(ObjectNode definition, GroupVersionKind gvk) {
        definition.putArray(GROUP_VERSION_KIND).add(gvk(gvk));
    }
}
