package dev.keel.api.eviction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.FieldValidation;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.registry.ObjectDeleter;
import dev.keel.api.registry.ObjectWriter;
import dev.keel.api.registry.WriteMode;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.rest.DeleteOptions;
import dev.keel.api.rest.RequestInfo;
import dev.keel.api.rest.WriteOptions;
import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pods/eviction} subresource as kube-apiserver serves it: a pod that is finished, pending or already
 * terminating is deleted at once; otherwise the one PodDisruptionBudget covering it must allow a disruption, which
 * the eviction takes (status.disruptionsAllowed minus one, the pod in status.disruptedPods) before the pod is marked
 * with the DisruptionTarget condition and deleted. A pod that is not ready may go without taking a disruption when
 * the budget is healthy or its unhealthyPodEvictionPolicy is AlwaysAllow; its delete is then guarded by the pod's
 * resourceVersion, so a pod that became ready meanwhile is not deleted (429, try again).
 */
public class PodEviction {

    private static final Logger log = LoggerFactory.getLogger(PodEviction.class);

    /** Conflicting deletes of a pod that needs no budget are tried again this often, as Kubernetes' EvictionsRetry. */
    static final int MAX_ATTEMPTS = 20;

    private final ObjectStorage storage;
    private final ObjectWriter writer;
    private final ObjectDeleter deleter;
    private final DisruptionBudgets budgets;
    private final ResourceType podType;
    private final Clock clock;

    public PodEviction(ObjectStorage storage, ObjectWriter writer, ObjectDeleter deleter,
            dev.keel.api.registry.ModelConverter models, ResourceType podType, ResourceType budgetType, Clock clock) {
        this.storage = storage;
        this.writer = writer;
        this.deleter = deleter;
        this.budgets = new DisruptionBudgets(storage, models, budgetType);
        this.podType = podType;
        this.clock = clock;
    }

    /** Evicts the pod named by the request, or throws the Status Kubernetes answers instead. */
    public void evict(String namespace, String podName, JsonNode body, boolean dryRunQuery) {
        EvictionRequest request = EvictionRequest.from(namespace, podName, body, dryRunQuery);
        StoredObject pod = null;
        for (int attempt = 1; ; attempt++) {
            pod = readPod(request);
            if (!canIgnoreBudgets(pod.object())) {
                break;
            }
            EvictionRequest guarded = request;
            if (shouldEnforceResourceVersion(pod.object()) && !request.hasResourceVersionPrecondition()) {
                guarded = request.withResourceVersion(Long.toString(pod.revision()));
            }
            try {
                markAndDelete(guarded);
                return;
            } catch (ApiException e) {
                if (e.code() != 409 || request.hasResourceVersionPrecondition() || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
        List<PodDisruptionBudget> covering = budgets.covering(namespace, labels(pod.object()));
        if (covering.size() > 1) {
            throw EvictionStatuses.severalBudgets();
        }
        if (covering.isEmpty()) {
            markAndDelete(request);
            return;
        }
        PodDisruptionBudget budget = covering.get(0);
        String budgetName = budget.getMetadata().getName();
        if (!DisruptionBudgets.isReady(pod.object()) && mayGoUnhealthy(budget)) {
            // Not ready: it takes no disruption, but must not have become ready by the time it is deleted.
            EvictionRequest guarded = request.withResourceVersion(Long.toString(pod.revision()));
            try {
                markAndDelete(guarded);
            } catch (ApiException e) {
                if (e.code() == 409 && !request.hasResourceVersionPrecondition()) {
                    throw EvictionStatuses.stillProcessing(budgetName);
                }
                throw e;
            }
            return;
        }
        takeDisruption(request, budgetName);
        markAndDelete(request);
    }

    /** Decrements the budget through its status subresource; a dry run only checks that it could. */
    private void takeDisruption(EvictionRequest request, String budgetName) {
        BudgetDecrement decrement = new BudgetDecrement(request.podName(), clock.instant().truncatedTo(ChronoUnit.SECONDS));
        RequestInfo status = new RequestInfo(budgets.type(), request.namespace(), budgetName, "status");
        if (request.dryRun()) {
            StoredObject current = storage.get(budgets.type(), request.namespace(), budgetName)
                    .orElseThrow(() -> Statuses.notFound("policy", "poddisruptionbudgets", budgetName));
            decrement.apply(current.object());
            return;
        }
        writer.update(status, decrement, new WriteOptions(false, "keel-eviction", FieldValidation.IGNORE, false),
                new ArrayList<>(), WriteMode.UPDATE);
        log.info("Eviction of pod {}/{} took a disruption of PodDisruptionBudget {}", request.namespace(),
                request.podName(), budgetName);
    }

    /**
     * Records DisruptionTarget (EvictionByEvictionAPI) on the pod, then deletes it with the eviction's options. The
     * condition write checks the preconditions itself and moves a resourceVersion precondition past its own write.
     */
    private void markAndDelete(EvictionRequest request) {
        DeleteOptions options = request.deleteOptions();
        if (!request.dryRun()) {
            RequestInfo status = new RequestInfo(podType, request.namespace(), request.podName(), "status");
            String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
            DeleteOptions guard = options;
            ObjectNode marked = writer.update(status, current -> {
                checkUid(current, guard);
                ObjectNode updated = withDisruptionTarget(current, now);
                if (guard.preconditionResourceVersion() != null) {
                    // A conditional write: a pod changed since it was judged answers 409.
                    updated.withObjectProperty("metadata").put("resourceVersion", guard.preconditionResourceVersion());
                }
                return updated;
            }, new WriteOptions(false, "keel-eviction", FieldValidation.IGNORE, false), new ArrayList<>(), WriteMode.UPDATE);
            if (options.preconditionResourceVersion() != null) {
                options = new DeleteOptions(options.gracePeriodSeconds(), options.propagationPolicy(), options.preconditionUid(),
                        marked.path("metadata").path("resourceVersion").asText(), false);
            }
        }
        deleter.delete(podType, request.namespace(), request.podName(), options);
    }

    private static void checkUid(ObjectNode pod, DeleteOptions options) {
        String name = pod.path("metadata").path("name").asText();
        String uid = pod.path("metadata").path("uid").asText();
        if (options.preconditionUid() != null && !options.preconditionUid().isEmpty() && !options.preconditionUid().equals(uid)) {
            throw Statuses.conflict("", "Pod", name, "the UID in the precondition (" + options.preconditionUid()
                    + ") does not match the UID in record (" + uid + "). The object might have been deleted and then recreated");
        }
    }

    private static ObjectNode withDisruptionTarget(ObjectNode pod, String now) {
        ObjectNode updated = pod.deepCopy();
        ArrayNode conditions = updated.withObjectProperty("status").withArrayProperty("conditions");
        ObjectNode condition = null;
        for (JsonNode existing : conditions) {
            if (existing.path("type").asText().equals("DisruptionTarget")) {
                condition = (ObjectNode) existing;
            }
        }
        if (condition == null) {
            condition = conditions.addObject();
            condition.put("type", "DisruptionTarget");
        }
        if (!condition.path("status").asText().equals("True")) {
            condition.put("lastTransitionTime", now);
        }
        condition.put("status", "True");
        condition.put("reason", "EvictionByEvictionAPI");
        condition.put("message", "Eviction API: evicting");
        return updated;
    }

    private StoredObject readPod(EvictionRequest request) {
        return storage.get(podType, request.namespace(), request.podName())
                .orElseThrow(() -> Statuses.notFound("", "pods", request.podName()));
    }

    /** Finished, pending and terminating pods disrupt nothing more by going: no budget is consulted. */
    static boolean canIgnoreBudgets(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Pending")
                || pod.path("metadata").hasNonNull("deletionTimestamp");
    }

    /** A pending pod may become ready any moment: its delete is guarded by the resourceVersion that was judged. */
    private static boolean shouldEnforceResourceVersion(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return !phase.equals("Succeeded") && !phase.equals("Failed") && !pod.path("metadata").hasNonNull("deletionTimestamp");
    }

    /** An unready pod goes freely under AlwaysAllow, or (IfHealthyBudget, the default) while the budget is met. */
    private static boolean mayGoUnhealthy(PodDisruptionBudget budget) {
        if ("AlwaysAllow".equals(budget.getSpec().getUnhealthyPodEvictionPolicy())) {
            return true;
        }
        var status = budget.getStatus();
        int current = status == null || status.getCurrentHealthy() == null ? 0 : status.getCurrentHealthy();
        int desired = status == null || status.getDesiredHealthy() == null ? 0 : status.getDesiredHealthy();
        return current >= desired && desired > 0;
    }

    private static Map<String, String> labels(JsonNode pod) {
        Map<String, String> labels = new java.util.HashMap<>();
        pod.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
