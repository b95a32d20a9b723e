package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * ReplicationControllers as Kubernetes' ValidateReplicationControllerSpec checks them: counts not negative, a
 * non-empty map selector that the template's labels satisfy, a valid template whose pods always restart. Unlike a
 * ReplicaSet's, the selector may change after creation.
 */
@Component
public class ReplicationControllerValidation implements ValidatingAdmission {

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("ReplicationController") || !(request.object() instanceof ReplicationController controller)) {
            return;
        }
        ReplicationControllerSpec spec = controller.getSpec() == null ? new ReplicationControllerSpec() : controller.getSpec();
        WorkloadRules.nonNegative(errors, "spec.minReadySeconds", spec.getMinReadySeconds());
        Map<String, String> selector = spec.getSelector();
        if (selector == null || selector.isEmpty()) {
            errors.required("spec.selector", "");
        } else {
            MetadataRules.labels(errors, "spec.selector", selector);
        }
        WorkloadRules.nonNegative(errors, "spec.replicas", spec.getReplicas());
        PodTemplateSpec template = spec.getTemplate();
        if (template == null) {
            errors.required("spec.template", "");
            return;
        }
        Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        if (selector != null && !selector.isEmpty() && !matches(selector, labels)) {
            errors.invalid("spec.template.metadata.labels", GoValue.stringMap(labels), "`selector` does not match template `labels`");
        }
        PodSpecRules.template(errors, "spec.template", template, Set.of());
        WorkloadRules.alwaysRestarting(errors, template, "ReplicationController");
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        return selector.entrySet().stream().allMatch(term -> term.getValue() != null && term.getValue().equals(actual.get(term.getKey())));
    }
}
