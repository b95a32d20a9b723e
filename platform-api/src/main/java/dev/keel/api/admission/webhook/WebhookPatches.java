package dev.keel.api.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.patch.ObjectPatcher;
import dev.keel.api.patch.PatchType;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Applies a mutating webhook's JSON patch to the request's object, in place. A patch that does not apply is a 500,
 * as in kube-apiserver (whatever the failure policy); one that changes the object's identity is refused: its kind
 * or apiVersion (500), its namespace or name (400, the words kube-apiserver uses when an object disagrees with the
 * request), its uid (422, immutable).
 */
@Component
public class WebhookPatches {

    private final ObjectPatcher patcher;
    private final ObjectCodec codec;

    public WebhookPatches(ObjectPatcher patcher, ObjectCodec codec) {
        this.patcher = patcher;
        this.codec = codec;
    }

    /** @return whether the object changed */
    boolean apply(String webhook, HasMetadata object, JsonNode patch, ResourceType type) {
        ObjectNode before = codec.toTree(object);
        ObjectNode after;
        try {
            after = patcher.apply(PatchType.JSON_PATCH, before, patch, type);
        } catch (ApiException e) {
            throw Statuses.internal("admission webhook \"" + webhook + "\" returned a patch that cannot be applied: "
                    + e.getMessage(), e);
        }
        if (after.equals(before)) {
            return false;
        }
        checkIdentity(webhook, before, after, type);
        HasMetadata patched;
        try {
            patched = codec.toModel(after, type.modelClass(), type.kind(), type.version(), new ArrayList<>());
        } catch (ApiException e) {
            throw Statuses.internal("admission webhook \"" + webhook + "\" returned a patch that cannot be applied: "
                    + e.getMessage(), e);
        }
        ModelCopy.into(object, patched);
        return true;
    }

    private static void checkIdentity(String webhook, ObjectNode before, ObjectNode after, ResourceType type) {
        if (!text(before, "apiVersion").equals(text(after, "apiVersion")) || !text(before, "kind").equals(text(after, "kind"))) {
            throw Statuses.internal("admission webhook \"" + webhook + "\" changed the object's kind from "
                    + text(before, "apiVersion") + ", Kind=" + text(before, "kind") + " to " + text(after, "apiVersion")
                    + ", Kind=" + text(after, "kind"), null);
        }
        JsonNode oldMeta = before.path("metadata");
        JsonNode newMeta = after.path("metadata");
        if (!Objects.equals(text(oldMeta, "namespace"), text(newMeta, "namespace"))) {
            throw Statuses.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        if (!Objects.equals(text(oldMeta, "name"), text(newMeta, "name"))) {
            throw Statuses.badRequest("the name of the object (" + text(newMeta, "name")
                    + ") does not match the name on the URL (" + text(oldMeta, "name") + ")");
        }
        if (!Objects.equals(text(oldMeta, "uid"), text(newMeta, "uid"))) {
            FieldErrors errors = new FieldErrors();
            errors.invalid("metadata.uid", text(newMeta, "uid"), "field is immutable");
            throw Statuses.invalid(type.group(), type.kind(), text(oldMeta, "name"), errors.causes());
        }
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText("");
    }
}
