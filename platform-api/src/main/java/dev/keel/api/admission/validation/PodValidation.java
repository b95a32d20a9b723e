package dev.keel.api.admission.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ModelTrees;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Pods: a valid spec, and on update only the changes Kubernetes allows to a running pod. Status and
 * binding writes (subresources) are not held to the spec rules; the binding sets spec.nodeName.
 */
@Component
public class PodValidation implements ValidatingAdmission {

    static final String UPDATE_FORBIDDEN = "pod updates may not change fields other than `spec.containers[*].image`,"
            + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing "
            + "tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("Pod") || !(request.object() instanceof Pod pod)) {
            return;
        }
        PodSpec stored = request.operation() == Operation.UPDATE && request.oldObject() instanceof Pod old
                ? (old.getSpec() == null ? new PodSpec() : old.getSpec()) : null;
        PodSpecRules.podSpec(errors, "spec", pod.getSpec(), Set.of(), stored);
        // Ephemeral containers arrive only through pods/ephemeralcontainers (EphemeralContainersValidation).
        if (request.operation() == Operation.CREATE && pod.getSpec() != null
                && pod.getSpec().getEphemeralContainers() != null && !pod.getSpec().getEphemeralContainers().isEmpty()) {
            errors.forbidden("spec.ephemeralContainers", "cannot be set on create");
        }
        if (request.operation() == Operation.UPDATE && request.oldObject() instanceof Pod old
                && old.getSpec() != null && pod.getSpec() != null) {
            validateUpdate(errors, old.getSpec(), pod.getSpec());
        }
    }

    private static void validateUpdate(FieldErrors errors, PodSpec old, PodSpec updated) {
        Long oldDeadline = old.getActiveDeadlineSeconds();
        Long newDeadline = updated.getActiveDeadlineSeconds();
        if (newDeadline != null && oldDeadline != null && newDeadline > oldDeadline) {
            errors.invalid("spec.activeDeadlineSeconds", newDeadline, "must be less than or equal to previous value");
        } else if (newDeadline == null && oldDeadline != null) {
            errors.invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value");
        }
        boolean tolerationsOk = onlyAddedTolerations(errors, old.getTolerations(), updated.getTolerations());

        // Blank out what may change, then any remaining difference is forbidden.
        PodSpec munged = ModelTrees.copy(updated);
        copyImages(old.getContainers(), munged.getContainers());
        copyImages(old.getInitContainers(), munged.getInitContainers());
        munged.setActiveDeadlineSeconds(old.getActiveDeadlineSeconds());
        if (tolerationsOk) {
            munged.setTolerations(old.getTolerations());
        }
        Long oldGrace = old.getTerminationGracePeriodSeconds();
        if (oldGrace != null && oldGrace < 0 && Long.valueOf(1).equals(munged.getTerminationGracePeriodSeconds())) {
            munged.setTerminationGracePeriodSeconds(oldGrace);
        }
        // Scheduling gates may only be removed.
        if (old.getSchedulingGates() != null && munged.getSchedulingGates() != null
                && old.getSchedulingGates().containsAll(munged.getSchedulingGates())) {
            munged.setSchedulingGates(old.getSchedulingGates());
        }
        JsonNode before = ModelTrees.tree(old);
        JsonNode after = ModelTrees.tree(munged);
        if (!before.equals(after)) {
            List<String> changed = TreeDiff.paths(before, after, "spec", 5);
            errors.forbidden("spec", UPDATE_FORBIDDEN + "\n  changed: " + String.join(", ", changed));
        }
    }

    private static boolean onlyAddedTolerations(FieldErrors errors, List<Toleration> old, List<Toleration> updated) {
        if (old == null) {
            return true;
        }
        for (Toleration existing : old) {
            boolean found = false;
            for (Toleration candidate : updated == null ? List.<Toleration>of() : updated) {
                Toleration comparable = ModelTrees.copy(existing);
                comparable.setTolerationSeconds(candidate.getTolerationSeconds());
                if (comparable.equals(candidate)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                errors.forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds");
                return false;
            }
        }
        return true;
    }

    private static void copyImages(List<Container> from, List<Container> to) {
        if (from == null || to == null || from.size() != to.size()) {
            return;
        }
        for (int i = 0; i < from.size(); i++) {
            to.get(i).setImage(from.get(i).getImage());
        }
    }
}
