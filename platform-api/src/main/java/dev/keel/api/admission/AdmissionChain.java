package dev.keel.api.admission;

import dev.keel.api.status.Statuses;
import java.util.List;

/** Runs every mutating plugin, then every validating one; any field error fails the request with 422. */
public class AdmissionChain {

    private final List<MutatingAdmission> mutating;
    private final List<ValidatingAdmission> validating;

    public AdmissionChain(List<MutatingAdmission> mutating, List<ValidatingAdmission> validating) {
        this.mutating = List.copyOf(mutating);
        this.validating = List.copyOf(validating);
    }

    public void admit(AdmissionRequest request) {
        try {
            for (MutatingAdmission plugin : mutating) {
                plugin.mutate(request);
            }
            FieldErrors errors = new FieldErrors();
            for (ValidatingAdmission plugin : validating) {
                plugin.validate(request, errors);
            }
            if (!errors.isEmpty()) {
                String name = request.object() != null && request.object().getMetadata() != null
                        ? request.object().getMetadata().getName() : null;
                throw Statuses.invalid(request.type().group(), request.type().kind(), name == null ? "" : name, errors.causes());
            }
        } catch (RuntimeException e) {
            request.rollback();
            throw e;
        }
    }
}
