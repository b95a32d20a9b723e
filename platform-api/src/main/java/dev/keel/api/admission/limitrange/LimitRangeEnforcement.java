package dev.keel.api.admission.limitrange;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Kubernetes' LimitRanger checks: a new pod (directly or from a controller) and a new or resized claim must stay
 * within the min, max and maxLimitRequestRatio of the namespace's limit ranges; otherwise 403 with Kubernetes'
 * messages, several joined as {@code [a, b]}. Runs after validation, before quota.
 */
@Component
public class LimitRangeEnforcement implements ValidatingAdmission {

    private final StoredLimitRanges limitRanges;

    public LimitRangeEnforcement(StoredLimitRanges limitRanges) {
        this.limitRanges = limitRanges;
    }

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!errors.isEmpty() || request.subresource() != null || !request.type().group().isEmpty()) {
            return;
        }
        HasMetadata object = request.object();
        boolean pod = request.isKind("Pod") && request.operation() == Operation.CREATE && object instanceof Pod;
        boolean claim = request.isKind("PersistentVolumeClaim") && object instanceof PersistentVolumeClaim
                && (request.operation() == Operation.CREATE || request.operation() == Operation.UPDATE);
        if (!pod && !claim) {
            return;
        }
        List<LimitRange> ranges = limitRanges.in(object.getMetadata().getNamespace());
        if (ranges.isEmpty()) {
            return;
        }
        List<String> violations = pod ? LimitChecks.pod(ranges, (Pod) object)
                : LimitChecks.claim(ranges, (PersistentVolumeClaim) object);
        if (violations.isEmpty()) {
            return;
        }
        String why = violations.size() == 1 ? violations.get(0) : "[" + String.join(", ", violations) + "]";
        throw Statuses.forbidden(request.type().group(), request.type().plural(), object.getMetadata().getName(), why);
    }
}
