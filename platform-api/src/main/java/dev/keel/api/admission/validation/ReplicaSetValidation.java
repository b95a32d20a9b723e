package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Replica sets: counts, selector and template; the selector is fixed after creation. */
@Component
public class ReplicaSetValidation implements ValidatingAdmission {

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("ReplicaSet") || !(request.object() instanceof ReplicaSet replicaSet)) {
            return;
        }
        ReplicaSetSpec spec = replicaSet.getSpec();
        if (spec == null) {
            errors.required("spec.selector", "");
            return;
        }
        WorkloadRules.nonNegative(errors, "spec.replicas", spec.getReplicas());
        WorkloadRules.nonNegative(errors, "spec.minReadySeconds", spec.getMinReadySeconds());
        // Upstream's replica set check reuses the deployment wording.
        WorkloadRules.selector(errors, spec.getSelector(), spec.getTemplate(), "deployment");
        PodSpecRules.template(errors, "spec.template", spec.getTemplate(), Set.of(),
                request.operation() == Operation.UPDATE && request.oldObject() instanceof ReplicaSet old && old.getSpec() != null
                        ? PodSpecRules.stored(old.getSpec().getTemplate()) : null);
        WorkloadRules.alwaysRestarting(errors, spec.getTemplate(), "ReplicaSet");
        if (request.operation() == Operation.UPDATE && request.oldObject() instanceof ReplicaSet old && old.getSpec() != null) {
            WorkloadRules.immutableSelector(errors, spec.getSelector(), old.getSpec().getSelector());
        }
    }
}
