package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import org.springframework.stereotype.Component;

/** A PriorityClass without a preemption policy gets PreemptLowerPriority, as in Kubernetes. */
@Component
public class PriorityClassDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (request.isKind("PriorityClass") && request.object() instanceof PriorityClass priorityClass
                && priorityClass.getPreemptionPolicy() == null) {
            priorityClass.setPreemptionPolicy("PreemptLowerPriority");
        }
    }
}
