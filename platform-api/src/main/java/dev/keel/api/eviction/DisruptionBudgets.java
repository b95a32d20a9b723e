package dev.keel.api.eviction;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.validation.LabelSelectors;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.registry.ModelConverter;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The PodDisruptionBudgets that cover a pod, read from storage as kube-apiserver's eviction handler lists them: those
 * of the pod's namespace whose selector matches its labels. A missing selector matches nothing, an empty one every
 * pod, an invalid one nothing (policy/v1).
 */
final class DisruptionBudgets {

    private final ObjectStorage storage;
    private final ModelConverter models;
    private final ResourceType budgetType;

    DisruptionBudgets(ObjectStorage storage, ModelConverter models, ResourceType budgetType) {
        this.storage = storage;
        this.models = models;
        this.budgetType = budgetType;
    }

    ResourceType type() {
        return budgetType;
    }

    List<PodDisruptionBudget> covering(String namespace, Map<String, String> podLabels) {
        List<PodDisruptionBudget> matching = new ArrayList<>();
        String startKey = null;
        while (true) {
            ObjectStorage.Page page = storage.list(budgetType, namespace, startKey, 0, 500);
            for (StoredObject stored : page.items()) {
                PodDisruptionBudget budget = (PodDisruptionBudget) models.stored(stored.object(), budgetType);
                if (selects(budget, podLabels)) {
                    matching.add(budget);
                }
            }
            if (!page.more() || page.lastKey() == null) {
                return matching;
            }
            startKey = page.lastKey() + "\0";
        }
    }

    static boolean selects(PodDisruptionBudget budget, Map<String, String> podLabels) {
        LabelSelector selector = budget.getSpec() == null ? null : budget.getSpec().getSelector();
        if (selector == null) {
            return false;
        }
        FieldErrors invalid = new FieldErrors();
        LabelSelectors.validate(invalid, "selector", selector);
        return invalid.isEmpty() && LabelSelectors.matches(selector, podLabels);
    }

    static boolean isReady(JsonNode pod) {
        for (JsonNode condition : pod.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition.path("status").asText().equals("True");
            }
        }
        return false;
    }
}
