package dev.keel.api.eviction;

import dev.keel.api.status.ApiException;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import java.util.List;

/** The answers kube-apiserver's eviction subresource gives when a disruption budget stops or cannot judge it. */
final class EvictionStatuses {

    static final String VIOLATES_BUDGET = "Cannot evict pod as it would violate the pod's disruption budget.";

    private EvictionStatuses() {
    }

    /** 429 TooManyRequests with a DisruptionBudget cause: the client (kubectl drain) tries again later. */
    static ApiException tooManyRequests(String causeMessage, int retryAfterSeconds) {
        StatusCause cause = new StatusCause();
        cause.setReason("DisruptionBudget");
        cause.setMessage(causeMessage);
        StatusDetailsBuilder details = new StatusDetailsBuilder().withCauses(List.of(cause));
        if (retryAfterSeconds > 0) {
            details.withRetryAfterSeconds(retryAfterSeconds);
        }
        return new ApiException(new StatusBuilder().withApiVersion("v1").withKind("Status").withMetadata(new ListMeta())
                .withStatus("Failure").withCode(429).withReason("TooManyRequests").withMessage(VIOLATES_BUDGET)
                .withDetails(details.build()).build());
    }

    /** The budget's status is older than its spec: the disruption controller has not caught up yet. */
    static ApiException stillProcessing(String budget) {
        return tooManyRequests("The disruption budget " + budget + " is still being processed by the server.", 10);
    }

    /** Kubernetes answers a pod under several budgets with a bare 500 Status (no reason), and evicts nothing. */
    static ApiException severalBudgets() {
        return new ApiException(new StatusBuilder().withApiVersion("v1").withKind("Status").withMetadata(new ListMeta())
                .withStatus("Failure").withCode(500)
                .withMessage("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
                .build());
    }
}
