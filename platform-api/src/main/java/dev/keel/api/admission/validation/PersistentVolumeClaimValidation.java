package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ModelTrees;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Persistent volume claims: access modes and a storage request; after creation the spec is fixed except the
 * storage request (expansion), the volume attributes class, and binding an unbound claim to a volume.
 */
@Component
public class PersistentVolumeClaimValidation implements ValidatingAdmission {

    static final String UPDATE_FORBIDDEN = "spec is immutable after creation except resources.requests and "
            + "volumeAttributesClassName for bound claims";
    private static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");
    private static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("PersistentVolumeClaim") || !(request.object() instanceof PersistentVolumeClaim claim)) {
            return;
        }
        PersistentVolumeClaimSpec spec = claim.getSpec() == null ? new PersistentVolumeClaimSpec() : claim.getSpec();
        List<String> modes = spec.getAccessModes() == null ? List.of() : spec.getAccessModes();
        if (modes.isEmpty()) {
            errors.required("spec.accessModes", "at least 1 access mode is required");
        }
        for (String mode : modes) {
            if (!ACCESS_MODES.contains(mode)) {
                errors.notSupported("spec.accessModes", mode, ACCESS_MODES);
            }
        }
        if (modes.contains("ReadWriteOncePod") && modes.size() > 1) {
            errors.forbidden("spec.accessModes", "may not use ReadWriteOncePod with other access modes");
        }
        Map<String, Quantity> requests = spec.getResources() == null || spec.getResources().getRequests() == null ? Map.of()
                : spec.getResources().getRequests();
        Quantity storage = requests.get("storage");
        if (storage == null) {
            errors.required("spec.resources[storage]", "");
        } else {
            BigDecimal value = Quantities.value(storage);
            if (value == null) {
                errors.invalid("spec.resources.requests[storage]", Quantities.text(storage), Quantities.SYNTAX);
            } else if (value.signum() <= 0) {
                errors.invalid("spec.resources.requests[storage]", Quantities.text(storage), "must be greater than zero");
            }
        }
        if (spec.getVolumeMode() != null && !VOLUME_MODES.contains(spec.getVolumeMode())) {
            errors.notSupported("spec.volumeMode", spec.getVolumeMode(), VOLUME_MODES);
        }
        if (request.operation() == Operation.UPDATE && request.oldObject() instanceof PersistentVolumeClaim old && old.getSpec() != null) {
            validateUpdate(errors, old.getSpec(), spec);
        }
    }

    private static void validateUpdate(FieldErrors errors, PersistentVolumeClaimSpec old, PersistentVolumeClaimSpec spec) {
        PersistentVolumeClaimSpec munged = ModelTrees.copy(spec);
        if (munged.getResources() != null && old.getResources() != null) {
            munged.getResources().setRequests(old.getResources().getRequests());
        }
        munged.setVolumeAttributesClassName(old.getVolumeAttributesClassName());
        boolean binding = (old.getVolumeName() == null || old.getVolumeName().isEmpty());
        if (binding) {
            munged.setVolumeName(old.getVolumeName());
        }
        if (!ModelTrees.tree(munged).equals(ModelTrees.tree(old))) {
            errors.forbidden("spec", UPDATE_FORBIDDEN);
        }
    }
}
