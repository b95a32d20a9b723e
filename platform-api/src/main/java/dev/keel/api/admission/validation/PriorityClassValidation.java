package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * PriorityClasses as Kubernetes checks them: user classes at most 1,000,000,000 and not named with the reserved
 * "system-" prefix; value and preemption policy fixed once created; policy PreemptLowerPriority or Never.
 */
@Component
public class PriorityClassValidation implements ValidatingAdmission {

    static final int HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("PriorityClass") || !(request.object() instanceof PriorityClass priorityClass)) {
            return;
        }
        String name = priorityClass.getMetadata().getName();
        if (name != null && name.startsWith("system-") && request.operation() == Operation.CREATE) {
            errors.forbidden("metadata.name", "priority class names with 'system-' prefix are reserved");
        }
        if (priorityClass.getValue() == null) {
            errors.required("value", "");
        } else if (priorityClass.getValue() > HIGHEST_USER_DEFINABLE_PRIORITY) {
            errors.invalid("value", priorityClass.getValue(), "must be no greater than " + HIGHEST_USER_DEFINABLE_PRIORITY);
        }
        String policy = priorityClass.getPreemptionPolicy();
        if (policy != null && !policy.equals("PreemptLowerPriority") && !policy.equals("Never")) {
            errors.notSupported("preemptionPolicy", policy, java.util.List.of("Never", "PreemptLowerPriority"));
        }
        if (request.operation() == Operation.UPDATE && request.oldObject() instanceof PriorityClass old) {
            if (!Objects.equals(old.getValue(), priorityClass.getValue())) {
                errors.forbidden("value", "may not be changed in an update.");
            }
            if (!Objects.equals(old.getPreemptionPolicy(), priorityClass.getPreemptionPolicy())) {
                errors.immutable("preemptionPolicy");
            }
        }
    }
}
