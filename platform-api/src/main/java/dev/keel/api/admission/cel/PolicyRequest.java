package dev.keel.api.admission.cel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.ModelTrees;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.security.UserInfo;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * One write as admission policies see it: its attributes for matching, and its JSON forms for CEL ({@code object},
 * {@code oldObject}, {@code request}, {@code namespaceObject}), each built once per request and only when needed.
 */
final class PolicyRequest {

    private final AdmissionRequest request;
    private final UserInfo user;
    private final Function<String, JsonNode> namespaces;
    private JsonNode object;
    private JsonNode oldObject;
    private Object celObject;
    private Object celOldObject;
    private Object celRequest;
    private JsonNode namespace;
    private Object celNamespace;

    PolicyRequest(AdmissionRequest request, UserInfo user, Function<String, JsonNode> namespaces) {
        this.request = request;
        this.user = user;
        this.namespaces = namespaces;
    }

    ResourceType type() {
        return request.type();
    }

    String operation() {
        return request.operation().name();
    }

    String subresource() {
        return request.subresource();
    }

    boolean dryRun() {
        return request.dryRun();
    }

    String name() {
        String name = object().path("metadata").path("name").asText("");
        return name.isEmpty() ? oldObject().path("metadata").path("name").asText("") : name;
    }

    String namespaceName() {
        if (!request.type().namespaced()) {
            return "";
        }
        String namespace = object().path("metadata").path("namespace").asText("");
        return namespace.isEmpty() ? oldObject().path("metadata").path("namespace").asText("") : namespace;
    }

    JsonNode object() {
        if (object == null) {
            object = ModelTrees.tree(request.object());
        }
        return object;
    }

    JsonNode oldObject() {
        if (oldObject == null) {
            oldObject = ModelTrees.tree(request.oldObject());
        }
        return oldObject;
    }

    /** The request's Namespace object (for namespaceSelector and {@code namespaceObject}); null when cluster-scoped. */
    JsonNode namespace() {
        if (namespace == null) {
            String name = namespaceName();
            if (request.isKind("Namespace")) {
                namespace = object().isNull() ? oldObject() : object();
            } else {
                namespace = name.isEmpty() ? JsonNodeFactory.instance.nullNode() : namespaces.apply(name);
                if (namespace == null) {
                    namespace = JsonNodeFactory.instance.nullNode();
                }
            }
        }
        return namespace;
    }

    /** The CEL variables apart from params and variables. */
    Map<String, Object> variables(Object params, Map<String, Object> composited) {
        if (celObject == null) {
            celObject = CelValues.of(object());
            celOldObject = CelValues.of(oldObject());
            celRequest = CelValues.of(requestJson());
            // Kubernetes gives the namespace of a namespaced request; a Namespace itself has none.
            celNamespace = request.isKind("Namespace") ? CelValues.of(null) : CelValues.of(namespace());
        }
        return AdmissionCel.variables(celObject, celOldObject, celRequest, params, celNamespace, composited);
    }

    /** The AdmissionReview v1 {@code request} (without object and oldObject, as Kubernetes gives CEL). */
    ObjectNode requestJson() {
        ResourceType type = request.type();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("uid", UUID.randomUUID().toString());
        ObjectNode kind = json.putObject("kind");
        kind.put("group", type.group()).put("version", type.version()).put("kind", type.kind());
        ObjectNode resource = json.putObject("resource");
        resource.put("group", type.group()).put("version", type.version()).put("resource", type.plural());
        if (request.subresource() != null) {
            json.put("subResource", request.subresource());
        }
        json.set("requestKind", kind.deepCopy());
        json.set("requestResource", resource.deepCopy());
        if (request.subresource() != null) {
            json.put("requestSubResource", request.subresource());
        }
        json.put("name", name());
        if (!namespaceName().isEmpty()) {
            json.put("namespace", namespaceName());
        }
        json.put("operation", operation());
        ObjectNode userInfo = json.putObject("userInfo");
        if (user != null) {
            userInfo.put("username", user.name());
            if (!user.uid().isEmpty()) {
                userInfo.put("uid", user.uid());
            }
            user.groups().forEach(userInfo.withArray("groups")::add);
        }
        json.put("dryRun", request.dryRun());
        return json;
    }

    Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new java.util.HashMap<>();
        object.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
