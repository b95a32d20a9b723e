package dev.keel.api.eviction;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.rest.DeleteOptions;
import dev.keel.api.status.Statuses;
import java.util.List;

/**
 * A policy/v1 (or policy/v1beta1) Eviction as the subresource reads it: the pod it names and the options of the
 * delete it asks for, with the request's {@code dryRun} folded in as kube-apiserver does.
 */
record EvictionRequest(String namespace, String podName, DeleteOptions deleteOptions) {

    private static final List<String> VERSIONS = List.of("policy/v1", "policy/v1beta1");

    static EvictionRequest from(String namespace, String podName, JsonNode body, boolean dryRunQuery) {
        if (body == null || !body.isObject()) {
            throw Statuses.badRequest("the body of an eviction must be an Eviction object");
        }
        String kind = body.path("kind").asText("");
        String apiVersion = body.path("apiVersion").asText("");
        if ((!kind.isEmpty() && !kind.equals("Eviction")) || (!apiVersion.isEmpty() && !VERSIONS.contains(apiVersion))) {
            throw Statuses.badRequest("not a Eviction object: " + apiVersion + ", Kind=" + kind);
        }
        String bodyName = body.path("metadata").path("name").asText("");
        if (!bodyName.equals(podName)) {
            throw Statuses.badRequest("name in URL does not match name in Eviction object");
        }
        JsonNode options = body.path("deleteOptions");
        JsonNode dryRunList = options.path("dryRun");
        boolean dryRunBody = dryRunList.isArray() && !dryRunList.isEmpty();
        if (dryRunBody && dryRunQuery && !(dryRunList.size() == 1 && dryRunList.get(0).asText().equals("All"))) {
            throw Statuses.internal("Non-matching dry-run options in request and content: [All] and " + dryRunList, null);
        }
        if (dryRunBody) {
            for (JsonNode value : dryRunList) {
                if (!value.asText().equals("All")) {
                    throw Statuses.invalid("meta.k8s.io", "DeleteOptions", "", List.of(unsupportedDryRun(value.asText())));
                }
            }
        }
        Long grace = options.hasNonNull("gracePeriodSeconds") ? options.get("gracePeriodSeconds").asLong() : null;
        JsonNode preconditions = options.path("preconditions");
        String propagation = options.hasNonNull("propagationPolicy") ? options.get("propagationPolicy").asText() : null;
        if (propagation == null && options.path("orphanDependents").asBoolean(false)) {
            propagation = "Orphan";
        }
        DeleteOptions deleteOptions = new DeleteOptions(grace != null && grace < 0 ? Long.valueOf(1L) : grace,
                propagation, text(preconditions.path("uid")), text(preconditions.path("resourceVersion")),
                dryRunBody || dryRunQuery);
        return new EvictionRequest(namespace, podName, deleteOptions);
    }

    boolean dryRun() {
        return deleteOptions.dryRun();
    }

    /** The same options with the pod's resourceVersion as a precondition, so a pod that changed is not deleted. */
    EvictionRequest withResourceVersion(String resourceVersion) {
        DeleteOptions o = deleteOptions;
        return new EvictionRequest(namespace, podName, new DeleteOptions(o.gracePeriodSeconds(), o.propagationPolicy(),
                o.preconditionUid(), resourceVersion, o.dryRun()));
    }

    boolean hasResourceVersionPrecondition() {
        return deleteOptions.preconditionResourceVersion() != null;
    }

    private static String text(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static io.fabric8.kubernetes.api.model.StatusCause unsupportedDryRun(String value) {
        io.fabric8.kubernetes.api.model.StatusCause cause = new io.fabric8.kubernetes.api.model.StatusCause();
        cause.setReason("FieldValueNotSupported");
        cause.setField("dryRun");
        cause.setMessage("Unsupported value: \"" + value + "\": supported values: \"All\"");
        return cause;
    }
}
