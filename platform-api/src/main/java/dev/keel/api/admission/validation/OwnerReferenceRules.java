package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;

/**
 * metadata.ownerReferences as Kubernetes validates them: each names an apiVersion with a version, a kind, a name and
 * a uid, Events own nothing, and at most one reference is the controller. Kubernetes reports these on the list's path,
 * without an index.
 */
final class OwnerReferenceRules {

    private static final String FIELD = "metadata.ownerReferences";

    private OwnerReferenceRules() {
    }

    static void validate(List<OwnerReference> references, FieldErrors errors) {
        if (references == null) {
            return;
        }
        String controller = null;
        for (OwnerReference reference : references) {
            String apiVersion = orEmpty(reference.getApiVersion());
            String kind = orEmpty(reference.getKind());
            if (version(apiVersion).isEmpty()) {
                errors.invalid(FIELD + ".apiVersion", apiVersion, "version must not be empty");
            }
            if (kind.isEmpty()) {
                errors.invalid(FIELD + ".kind", kind, "kind must not be empty");
            }
            if (orEmpty(reference.getName()).isEmpty()) {
                errors.invalid(FIELD + ".name", orEmpty(reference.getName()), "name must not be empty");
            }
            if (orEmpty(reference.getUid()).isEmpty()) {
                errors.invalid(FIELD + ".uid", orEmpty(reference.getUid()), "uid must not be empty");
            }
            if (apiVersion.equals("v1") && kind.equals("Event")) {
                errors.invalid(FIELD, "Event", "/v1, Kind=Event is disallowed from being an owner");
            }
            if (Boolean.TRUE.equals(reference.getController())) {
                String current = kind + "/" + reference.getName();
                if (controller != null) {
                    errors.invalid(FIELD, "controller", "Only one reference can have Controller set to true. Found \"true\" in "
                            + "references for " + controller + " and " + current);
                } else {
                    controller = current;
                }
            }
        }
    }

    /** The version of an apiVersion ("v1", "apps/v1"); empty when it does not parse as group/version. */
    private static String version(String apiVersion) {
        String[] parts = apiVersion.split("/", -1);
        return switch (parts.length) {
            case 1 -> parts[0];
            case 2 -> parts[1];
            default -> "";
        };
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
