package dev.keel.api.patch;

import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The error bodies of the patch engines, in the shapes Kubernetes answers with. */
final class PatchErrors {

    /** Kubernetes' message for a patch that is well formed but cannot be applied; the reason goes in a cause. */
    static final String REJECTED = "the server rejected our request due to an error in our request";

    private PatchErrors() {
    }

    /** 400: the patch document itself is malformed. */
    static ApiException badRequest(String message) {
        return badRequest(message, null);
    }

    static ApiException badRequest(String message, Throwable cause) {
        return new ApiException(Statuses.badRequest(message).status(), cause);
    }

    /**
     * 422: a JSON patch operation that cannot be applied to this object. kubectl prints each cause as
     * {@code field: message}, so the field names the operation's path.
     */
    static ApiException unprocessable(String field, String detail) {
        StatusCause statusCause = new StatusCause();
        statusCause.setReason("UnexpectedServerResponse");
        statusCause.setField(field);
        statusCause.setMessage(detail);
        return new ApiException(failure(422, "Invalid", REJECTED, List.of(statusCause)));
    }

    /**
     * 409 for server-side apply: one cause per conflicting field, and the message kubectl shows, e.g.
     * {@code Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas}.
     */
    static ApiException applyConflicts(List<FieldConflict> conflicts) {
        List<StatusCause> causes = new ArrayList<>();
        Map<String, List<String>> byManager = new LinkedHashMap<>();
        for (FieldConflict conflict : conflicts) {
            String owner = conflict.describeOwner();
            String field = PathElements.describe(conflict.path());
            StatusCause cause = new StatusCause();
            cause.setReason("FieldManagerConflict");
            cause.setMessage("conflict with " + owner);
            cause.setField(field);
            causes.add(cause);
            byManager.computeIfAbsent(owner, k -> new ArrayList<>()).add(field);
        }
        String message;
        if (conflicts.size() == 1) {
            message = "Apply failed with 1 conflict: conflict with " + conflicts.get(0).describeOwner() + ": "
                    + causes.get(0).getField();
        } else {
            List<String> lines = new ArrayList<>();
            byManager.forEach((owner, fields) -> {
                lines.add("conflicts with " + owner + ":");
                fields.forEach(field -> lines.add("- " + field));
            });
            message = "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
        }
        return new ApiException(failure(409, "Conflict", message, causes));
    }

    private static Status failure(int code, String reason, String message, List<StatusCause> causes) {
        return new StatusBuilder()
                .withApiVersion("v1").withKind("Status").withMetadata(new ListMeta())
                .withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
                .withDetails(new StatusDetailsBuilder().withCauses(causes).build())
                .build();
    }
}
