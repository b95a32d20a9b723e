package dev.keel.api.openapi;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OpenAPI definition name Kubernetes gives the type a fabric8 model class stands for, e.g.
 * {@code io.fabric8.kubernetes.api.model.apps.Deployment -> io.k8s.api.apps.v1.Deployment}.
 *
 * <p>kubectl finds kinds by their {@code x-kubernetes-group-version-kind}, not by name, but explain prints the
 * last segment of a reference as the field's type, and tools comparing documents expect the usual names.
 */
final class DefinitionNames {

    private static final String FABRIC8 = "io.fabric8.kubernetes.api.model.";
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private static final Pattern VERSION = Pattern.compile("v\\d+((alpha|beta)\\d+)?");

    /** fabric8 keeps apimachinery's meta/v1 types in its core package beside core/v1. */
    private static final Set<String> META_TYPES = Set.of("ObjectMeta", "ListMeta", "LabelSelector",
            "LabelSelectorRequirement", "OwnerReference", "ManagedFieldsEntry", "FieldsV1", "Status", "StatusDetails",
            "StatusCause", "DeleteOptions", "Preconditions", "Condition", "MicroTime", "Time", "Duration", "Patch",
            "WatchEvent", "CreateOptions", "GetOptions", "ListOptions", "PatchOptions", "UpdateOptions");

    /** Types whose JSON form is not an object of properties; they live in other apimachinery packages. */
    private static final Map<String, String> SPECIAL = Map.of(
            FABRIC8 + "IntOrString", "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
            FABRIC8 + "Quantity", "io.k8s.apimachinery.pkg.api.resource.Quantity",
            FABRIC8 + "runtime.RawExtension", "io.k8s.apimachinery.pkg.runtime.RawExtension");

    static final String TIME = META + "Time";
    static final String MICRO_TIME = META + "MicroTime";
    static final String PATCH = META + "Patch";

    private DefinitionNames() {
    }

    static boolean isModel(Class<?> type) {
        return type.getName().startsWith(FABRIC8);
    }

    static String of(Class<?> type) {
        String special = SPECIAL.get(type.getName());
        if (special != null) {
            return special;
        }
        if (!isModel(type)) {
            throw new IllegalArgumentException(type.getName() + " is not a fabric8 Kubernetes model class");
        }
        String simple = type.getSimpleName();
        String packagePath = type.getPackageName().substring(Math.min(type.getPackageName().length(), FABRIC8.length()));
        if (packagePath.isEmpty()) {
            return (META_TYPES.contains(simple) ? META : "io.k8s.api.core.v1.") + simple;
        }
        if (packagePath.startsWith("apiextensions.")) {
            // The CRD types live in apiextensions-apiserver's own module in Kubernetes.
            return "io.k8s.apiextensions-apiserver.pkg.apis." + packagePath + "." + simple;
        }
        String[] segments = packagePath.split("\\.");
        String last = segments[segments.length - 1];
        boolean versioned = VERSION.matcher(last).matches();
        String group = String.join(".", java.util.Arrays.copyOf(segments, versioned ? segments.length - 1 : segments.length));
        // fabric8's unversioned packages (apps) hold the v1 types.
        return "io.k8s.api." + group + "." + (versioned ? last : "v1") + "." + simple;
    }
}
