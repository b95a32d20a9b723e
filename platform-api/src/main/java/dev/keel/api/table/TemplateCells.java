package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;

/** The CONTAINERS, IMAGES and SELECTOR columns that every pod-template workload shows with {@code -o wide}. */
final class TemplateCells {

    static final ColumnDefinition CONTAINERS = ColumnDefinition.wide("Containers", "Names of the containers in the pod template.");
    static final ColumnDefinition IMAGES = ColumnDefinition.wide("Images", "Images of the containers in the pod template.");
    static final ColumnDefinition SELECTOR = ColumnDefinition.wide("Selector", "Label query over the pods this object manages.");

    private TemplateCells() {
    }

    /** Container names of {@code spec.template}, comma separated. */
    static String containers(JsonNode workload) {
        return JsonFields.join(podSpec(workload).path("containers"), c -> JsonFields.text(c.path("name")));
    }

    static String images(JsonNode workload) {
        return JsonFields.join(podSpec(workload).path("containers"), c -> JsonFields.text(c.path("image")));
    }

    /** {@code spec.selector} as a LabelSelector, {@code <none>} when empty. */
    static String selector(JsonNode workload) {
        return LabelText.selector(workload.path("spec").path("selector"));
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    /** {@code spec.replicas}; the API defaults an unset count to 1. */
    static long desiredReplicas(JsonNode workload) {
        JsonNode replicas = workload.path("spec").path("replicas");
        return replicas.isNumber() ? replicas.asLong() : 1;
    }
}
