package dev.keel.api.admission.allocation;

import dev.keel.api.status.ApiException;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.StatusBuilder;

/**
 * The 500 Kubernetes answers when a range has no free value left. Built here rather than with
 * {@code Statuses.internal}, which cannot attach a cause (its ApiException already has a null one).
 */
final class RangeFull {

    private RangeFull() {
    }

    static ApiException error(String what, AllocationException cause) {
        return new ApiException(new StatusBuilder()
                .withApiVersion("v1").withKind("Status").withMetadata(new ListMeta())
                .withStatus("Failure").withCode(500).withReason("InternalError")
                .withMessage("Internal error occurred: " + what + ": " + cause.getMessage())
                .build(), cause);
    }
}
