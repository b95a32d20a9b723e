package dev.keel.api.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.eviction.PodEviction;
import dev.keel.api.patch.ObjectPatcher;
import dev.keel.api.patch.PatchType;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.rest.RequestInfo;
import dev.keel.api.rest.WriteOptions;
import dev.keel.api.status.Statuses;
import java.util.List;

/** The subresources that are views or actions rather than parts of the object: scale, binding, eviction. */
public class SubresourceOperations {

    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final ObjectDeleter deleter;
    private final ObjectPatcher patcher;
    private final ObjectPreparation preparation;
    private final PodEviction eviction;

    public SubresourceOperations(ObjectReader reader, ObjectWriter writer, ObjectDeleter deleter, ObjectPatcher patcher,
            ObjectPreparation preparation, PodEviction eviction) {
        this.reader = reader;
        this.writer = writer;
        this.deleter = deleter;
        this.patcher = patcher;
        this.preparation = preparation;
        this.eviction = eviction;
    }

    /** The autoscaling/v1 Scale of a scalable object, read as its kind's strategy says. */
    public ObjectNode getScale(RequestInfo info) {
        return scale(info).toScale(reader.get(info).object());
    }

    /** PUT or PATCH of a Scale: only spec.replicas reaches the object, guarded by the Scale's resourceVersion. */
    public ObjectNode updateScale(RequestInfo info, JsonNode body, PatchType patchType, WriteOptions options, List<String> warnings) {
        RequestInfo main = new RequestInfo(info.type(), info.namespace(), info.name(), null);
        ScaleAccess access = scale(info);
        ObjectNode updated = writer.update(main, current -> {
            ObjectNode scale = access.toScale(current);
            ObjectNode desired = patchType == null ? checkScale(body, info) : patcher.apply(patchType, scale, body, info.type());
            JsonNode replicas = desired.path("spec").path("replicas");
            if (!replicas.isMissingNode() && !replicas.isNull() && !replicas.isIntegralNumber()) {
                throw Statuses.badRequest("Scale in version \"v1\" cannot be handled as a Scale: spec.replicas: must be an integer");
            }
            ObjectNode result = access.withReplicas(current, replicas.isIntegralNumber() ? replicas.asInt() : 0);
            String resourceVersion = desired.path("metadata").path("resourceVersion").asText("");
            ObjectNode metadata = result.withObjectProperty("metadata");
            if (resourceVersion.isEmpty()) {
                metadata.remove("resourceVersion");
            } else {
                metadata.put("resourceVersion", resourceVersion);
            }
            return result;
        }, options, warnings, WriteMode.UPDATE);
        return access.toScale(updated);
    }

    /** How the kind scales; the request parser has already refused kinds that do not serve {@code scale}. */
    private ScaleAccess scale(RequestInfo info) {
        return preparation.strategy(info.type()).scale().orElseThrow(dev.keel.api.status.Statuses::pathNotFound);
    }

    /** Binds a pod to a node: sets spec.nodeName once and records the PodScheduled condition. */
    public void bind(RequestInfo info, JsonNode body, WriteOptions options) {
        String node = body.path("target").path("name").asText("");
        String kind = body.path("target").path("kind").asText("Node");
        if (node.isEmpty()) {
            throw Statuses.invalid("", "Binding", info.name(), List.of(cause("target.name", "Required value")));
        }
        if (!kind.isEmpty() && !kind.equals("Node")) {
            throw Statuses.invalid("", "Binding", info.name(), List.of(cause("target.kind",
                    "Unsupported value: \"" + kind + "\": supported values: \"Node\"")));
        }
        String bodyName = body.path("metadata").path("name").asText("");
        if (!bodyName.isEmpty() && !bodyName.equals(info.name())) {
            throw Statuses.badRequest("the name of the binding (" + bodyName + ") does not match the pod name on the URL ("
                    + info.name() + ")");
        }
        // One write carries both halves of a binding: spec.nodeName and the PodScheduled condition.
        RequestInfo binding = new RequestInfo(info.type(), info.namespace(), info.name(), "binding");
        String expectedUid = body.path("metadata").path("uid").asText("");
        writer.update(binding, current -> {
            JsonNode metadata = current.path("metadata");
            if (!expectedUid.isEmpty() && !expectedUid.equals(metadata.path("uid").asText())) {
                throw Statuses.conflict("", "pods", info.name(), "the UID in the binding does not match the pod");
            }
            if (metadata.hasNonNull("deletionTimestamp")) {
                throw Statuses.conflict("", "pods", info.name(), "pod " + info.name() + " is being deleted, cannot be assigned to a host");
            }
            String assigned = current.path("spec").path("nodeName").asText("");
            if (!assigned.isEmpty()) {
                throw Statuses.conflict("", "pods/binding", info.name(), "pod " + info.name()
                        + " is already assigned to node \"" + assigned + "\"");
            }
            ObjectNode bound = current.deepCopy();
            bound.withObjectProperty("spec").put("nodeName", node);
            setScheduledCondition(bound);
            return bound;
            // As in kube-apiserver, whose binding writes the pod straight to storage, a binding records no
            // managedFields entry: that bookkeeping was a fifth of each bind's cost, once per scheduled pod.
        }, options, new java.util.ArrayList<>(), WriteMode.WITHOUT_MANAGED_FIELDS);
    }

    /** Evicts a pod as kube-apiserver does, honouring the PodDisruptionBudget that covers it ({@link PodEviction}). */
    public void evict(RequestInfo info, JsonNode body, boolean dryRun) {
        eviction.evict(info.namespace(), info.name(), body, dryRun);
    }

    private void setScheduledCondition(ObjectNode pod) {
        ArrayNode conditions = pod.withObjectProperty("status").withArrayProperty("conditions");
        for (JsonNode condition : conditions) {
            if (condition.path("type").asText().equals("PodScheduled")) {
                ((ObjectNode) condition).put("status", "True");
                ((ObjectNode) condition).remove("reason");
                ((ObjectNode) condition).remove("message");
                return;
            }
        }
        ObjectNode condition = conditions.addObject();
        condition.put("type", "PodScheduled");
        condition.put("status", "True");
        condition.putNull("lastProbeTime");
        condition.put("lastTransitionTime", preparation.now());
    }

    private static ObjectNode checkScale(JsonNode body, RequestInfo info) {
        if (!(body instanceof ObjectNode scale)) {
            throw Statuses.badRequest("the body of the request must be a Scale object");
        }
        String kind = scale.path("kind").asText("Scale");
        if (!kind.equals("Scale")) {
            throw Statuses.badRequest(kind + " in version \"v1\" cannot be handled as a Scale");
        }
        String name = scale.path("metadata").path("name").asText("");
        if (!name.isEmpty() && !name.equals(info.name())) {
            throw Statuses.badRequest("the name of the object (" + name + ") does not match the name on the URL (" + info.name() + ")");
        }
        return scale;
    }

    private static io.fabric8.kubernetes.api.model.StatusCause cause(String field, String message) {
        io.fabric8.kubernetes.api.model.StatusCause cause = new io.fabric8.kubernetes.api.model.StatusCause();
        cause.setField(field);
        cause.setMessage(message);
        cause.setReason(message.startsWith("Required") ? "FieldValueRequired" : "FieldValueNotSupported");
        return cause;
    }
}
