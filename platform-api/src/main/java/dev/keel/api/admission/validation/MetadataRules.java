package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Rules for labels, annotations and finalizers, wherever they appear (objects and pod templates). */
public final class MetadataRules {

    /** Kubernetes' limit on the total size of an object's annotations. */
    public static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

    // The CRD cleanup finalizer is set by the server itself (apiextensions' own name, no slash, as in Kubernetes).
    private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion",
            "customresourcecleanup.apiextensions.k8s.io");

    private MetadataRules() {
    }

    public static void labels(FieldErrors errors, String field, Map<String, String> labels) {
        if (labels == null) {
            return;
        }
        labels.forEach((key, value) -> {
            errors.invalidEach(field, key, NameRules.qualifiedName(key));
            errors.invalidEach(field, value, NameRules.labelValue(value == null ? "" : value));
        });
    }

    public static void annotations(FieldErrors errors, String field, Map<String, String> annotations) {
        if (annotations == null) {
            return;
        }
        long total = 0;
        for (Map.Entry<String, String> entry : annotations.entrySet()) {
            // Annotation keys are checked case-insensitively, as upstream does.
            errors.invalidEach(field, entry.getKey(), NameRules.qualifiedName(entry.getKey().toLowerCase(Locale.ROOT)));
            total += entry.getKey().getBytes(StandardCharsets.UTF_8).length;
            total += entry.getValue() == null ? 0 : entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > ANNOTATIONS_MAX_BYTES) {
            errors.tooLong(field, ANNOTATIONS_MAX_BYTES);
        }
    }

    public static void finalizers(FieldErrors errors, String field, List<String> finalizers) {
        if (finalizers == null) {
            return;
        }
        for (int i = 0; i < finalizers.size(); i++) {
            String finalizer = finalizers.get(i);
            String path = field + "[" + i + "]";
            List<String> problems = NameRules.qualifiedName(finalizer);
            errors.invalidEach(path, finalizer, problems);
            if (problems.isEmpty() && !finalizer.contains("/") && !STANDARD_FINALIZERS.contains(finalizer)) {
                errors.invalid(path, finalizer, "name is neither a standard finalizer name nor is it fully qualified");
            }
        }
    }
}
