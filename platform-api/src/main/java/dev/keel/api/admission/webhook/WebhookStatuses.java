package dev.keel.api.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;

/** The Statuses of webhook admission, in kube-apiserver's words. */
final class WebhookStatuses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookStatuses() {
    }

    /** A call that failed under failurePolicy Fail: 500 {@code failed calling webhook "x": ...}. */
    static ApiException failedCalling(String webhook, WebhookCallException cause) {
        return Statuses.internal("failed calling webhook \"" + webhook + "\": " + cause.getMessage(), cause);
    }

    /**
     * {@code allowed: false}: the webhook's own status, its code kept when it is an error code (else 403), its
     * message after {@code admission webhook "x" denied the request}.
     */
    static ApiException denied(String webhook, JsonNode result) {
        JsonNode status = result == null || !result.isObject() ? JSON.createObjectNode() : result;
        int code = status.path("code").asInt(0);
        String deniedBy = "admission webhook \"" + webhook + "\" denied the request";
        String message = status.path("message").asText("");
        String reason = status.path("reason").asText("");
        String text = !message.isEmpty() ? deniedBy + ": " + message
                : !reason.isEmpty() ? deniedBy + ": " + reason : deniedBy + " without explanation";
        StatusBuilder builder = new StatusBuilder().withApiVersion("v1").withKind("Status").withMetadata(new ListMeta())
                .withStatus(status.path("status").asText("").isEmpty() ? "Failure" : status.path("status").asText())
                .withCode(code < 400 ? 403 : code)
                .withMessage(text)
                .withReason(reason.isEmpty() ? null : reason);
        if (status.path("details").isObject()) {
            builder.withDetails(JSON.convertValue(status.path("details"), StatusDetails.class));
        }
        return new ApiException(builder.build());
    }

    /** A dry run reaching a webhook that may have side effects: 400. */
    static ApiException dryRunUnsupported(String webhook) {
        return Statuses.badRequest("admission webhook \"" + webhook + "\" does not support dry run");
    }
}
