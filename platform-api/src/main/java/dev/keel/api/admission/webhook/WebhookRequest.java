package dev.keel.api.admission.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.ModelTrees;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.security.UserInfo;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.UUID;

/**
 * What webhooks are asked about, taken from one admission request: its attributes for matching, and the
 * AdmissionReview v1 {@code request} sent to each webhook (a fresh uid per call, as kube-apiserver does).
 */
final class WebhookRequest {

    private final AdmissionRequest request;
    private final UserInfo user;

    WebhookRequest(AdmissionRequest request, UserInfo user) {
        this.request = request;
        this.user = user;
    }

    AdmissionRequest admission() {
        return request;
    }

    ResourceType type() {
        return request.type();
    }

    String operation() {
        return request.operation().name();
    }

    String subresource() {
        return request.subresource() == null ? "" : request.subresource();
    }

    /** The request's namespace; for a Namespace object, its own name (as kube-apiserver's attributes say). */
    String namespace() {
        if (isNamespace()) {
            return name();
        }
        HasMetadata object = request.object() != null ? request.object() : request.oldObject();
        String namespace = object == null || object.getMetadata() == null ? null : object.getMetadata().getNamespace();
        return request.type().namespaced() && namespace != null ? namespace : "";
    }

    String name() {
        HasMetadata object = request.object() != null ? request.object() : request.oldObject();
        String name = object == null || object.getMetadata() == null ? null : object.getMetadata().getName();
        return name == null ? "" : name;
    }

    boolean isNamespace() {
        return request.type().group().isEmpty() && request.type().plural().equals("namespaces");
    }

    Map<String, String> objectLabels() {
        return labels(request.object());
    }

    Map<String, String> oldObjectLabels() {
        return labels(request.oldObject());
    }

    boolean hasObject() {
        return request.object() != null;
    }

    boolean hasOldObject() {
        return request.oldObject() != null;
    }

    /** The {@code request} of a v1 AdmissionReview. */
    ObjectNode review() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ResourceType type = request.type();
        ObjectNode body = nodes.objectNode();
        body.put("uid", UUID.randomUUID().toString());
        ObjectNode kind = body.putObject("kind");
        kind.put("group", type.group()).put("version", type.version()).put("kind", type.kind());
        ObjectNode resource = body.putObject("resource");
        resource.put("group", type.group()).put("version", type.version()).put("resource", type.plural());
        if (!subresource().isEmpty()) {
            body.put("subResource", subresource());
        }
        body.set("requestKind", kind.deepCopy());
        body.set("requestResource", resource.deepCopy());
        if (!subresource().isEmpty()) {
            body.put("requestSubResource", subresource());
        }
        body.put("name", name());
        if (!namespace().isEmpty()) {
            body.put("namespace", namespace());
        }
        body.put("operation", operation());
        ObjectNode userInfo = body.putObject("userInfo");
        userInfo.put("username", user.name());
        if (!user.uid().isEmpty()) {
            userInfo.put("uid", user.uid());
        }
        user.groups().forEach(userInfo.putArray("groups")::add);
        body.set("object", request.object() == null ? nodes.nullNode() : ModelTrees.tree(request.object()));
        body.set("oldObject", request.oldObject() == null ? nodes.nullNode() : ModelTrees.tree(request.oldObject()));
        body.put("dryRun", request.dryRun());
        ObjectNode options = body.putObject("options");
        options.put("apiVersion", "meta.k8s.io/v1");
        options.put("kind", switch (request.operation()) {
            case CREATE -> "CreateOptions";
            case UPDATE -> "UpdateOptions";
            case DELETE -> "DeleteOptions";
            case CONNECT -> "ConnectOptions";
        });
        if (request.dryRun()) {
            options.putArray("dryRun").add("All");
        }
        return body;
    }

    static ObjectNode envelope(ObjectNode reviewRequest) {
        ObjectNode review = JsonNodeFactory.instance.objectNode();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        review.set("request", reviewRequest);
        return review;
    }

    private static Map<String, String> labels(HasMetadata object) {
        if (object == null || object.getMetadata() == null || object.getMetadata().getLabels() == null) {
            return Map.of();
        }
        return object.getMetadata().getLabels();
    }
}
