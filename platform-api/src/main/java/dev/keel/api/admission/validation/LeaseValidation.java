package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.springframework.stereotype.Component;

/** Leases: positive durations and transition counts that never go negative. */
@Component
public class LeaseValidation implements ValidatingAdmission {

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("Lease") || !(request.object() instanceof Lease lease) || lease.getSpec() == null) {
            return;
        }
        Integer duration = lease.getSpec().getLeaseDurationSeconds();
        if (duration != null && duration <= 0) {
            errors.invalid("spec.leaseDurationSeconds", duration, "must be greater than 0");
        }
        Integer transitions = lease.getSpec().getLeaseTransitions();
        if (transitions != null && transitions < 0) {
            errors.invalid("spec.leaseTransitions", transitions, "must be greater than or equal to 0");
        }
    }
}
