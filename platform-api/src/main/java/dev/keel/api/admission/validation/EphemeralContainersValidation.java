package dev.keel.api.admission.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ModelTrees;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes through {@code pods/ephemeralcontainers} (what {@code kubectl debug} sends): the ephemeral containers must be
 * valid, and the ones already in the pod may be neither removed nor changed. Everything else in the pod was already
 * taken from the stored object when the write was prepared.
 */
@Component
public class EphemeralContainersValidation implements ValidatingAdmission {

    public static final String SUBRESOURCE = "ephemeralcontainers";

    private static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
    private static final String PATH = "spec.ephemeralContainers";

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.type().kind().equals("Pod") || !SUBRESOURCE.equals(request.subresource())
                || request.operation() != Operation.UPDATE || !(request.object() instanceof Pod pod)
                || !(request.oldObject() instanceof Pod old) || pod.getSpec() == null) {
            return;
        }
        Map<String, String> annotations = old.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(MIRROR_ANNOTATION)) {
            errors.forbidden("", "static pods do not support ephemeral containers");
            return;
        }
        EphemeralContainerRules.ephemeralContainers(errors, PATH, pod.getSpec());
        Map<String, EphemeralContainer> updated = new HashMap<>();
        for (EphemeralContainer container : list(pod)) {
            updated.put(container.getName(), container);
        }
        for (EphemeralContainer existing : list(old)) {
            EphemeralContainer now = updated.get(existing.getName());
            if (now == null) {
                errors.forbidden(PATH, "existing ephemeral containers \"" + existing.getName() + "\" may not be removed\n");
                continue;
            }
            JsonNode before = ModelTrees.tree(existing);
            JsonNode after = ModelTrees.tree(now);
            if (!before.equals(after)) {
                errors.forbidden(PATH, "existing ephemeral containers \"" + existing.getName() + "\" may not be changed\n"
                        + "  changed: " + String.join(", ", TreeDiff.paths(before, after, "", 5)));
            }
        }
    }

    private static List<EphemeralContainer> list(Pod pod) {
        return pod.getSpec() == null || pod.getSpec().getEphemeralContainers() == null ? List.of()
                : pod.getSpec().getEphemeralContainers();
    }
}
