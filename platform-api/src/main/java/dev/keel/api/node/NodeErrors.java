package dev.keel.api.node;

import dev.keel.api.status.ApiException;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.StatusBuilder;

/** A node agent's error answer (plain text with a status) as the Kubernetes Status kubectl prints. */
final class NodeErrors {

    private NodeErrors() {
    }

    static ApiException fromAgent(int code, String body, String node) {
        String message = body == null || body.isBlank() ? "node " + node + " answered " + code : body.strip();
        String reason = switch (code) {
            case 400 -> "BadRequest";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 503 -> "ServiceUnavailable";
            default -> "InternalError";
        };
        return new ApiException(new StatusBuilder().withApiVersion("v1").withKind("Status").withMetadata(new ListMeta())
            .withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build());
    }
}
