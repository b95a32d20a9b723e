package dev.keel.api.apiextensions.serving;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a stored CustomResourceDefinition into the {@link CustomKind}s of its served versions. */
final class CustomKinds {

    private static final Pattern KUBE_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    private CustomKinds() {
    }

    /** The served versions, in Kubernetes' version priority (GA before beta before alpha, higher first). */
    static List<CustomKind> of(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String group = spec.path("group").asText("");
        String plural = names.path("plural").asText("");
        String kind = names.path("kind").asText("");
        if (group.isEmpty() || plural.isEmpty() || kind.isEmpty()) {
            return List.of();
        }
        String singular = names.path("singular").asText("");
        if (singular.isEmpty()) {
            singular = kind.toLowerCase();
        }
        boolean namespaced = !"Cluster".equals(spec.path("scope").asText("Namespaced"));
        List<String> shortNames = texts(names.path("shortNames"));
        List<String> categories = texts(names.path("categories"));
        String storageVersion = null;
        for (JsonNode version : spec.path("versions")) {
            if (version.path("storage").asBoolean(false)) {
                storageVersion = version.path("name").asText();
            }
        }
        JsonNode metadata = crd.path("metadata");
        String crdName = metadata.path("name").asText();
        String uid = metadata.path("uid").asText("");
        long generation = metadata.path("generation").asLong(0);
        List<CustomKind> kinds = new ArrayList<>();
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean(false)) {
                continue;
            }
            String name = version.path("name").asText();
            JsonNode subresources = version.path("subresources");
            Set<String> served = new LinkedHashSet<>();
            if (subresources.has("status")) {
                served.add("status");
            }
            CustomKind.ScalePaths scale = null;
            if (subresources.path("scale").isObject()) {
                served.add("scale");
                JsonNode paths = subresources.path("scale");
                scale = new CustomKind.ScalePaths(paths.path("specReplicasPath").asText(".spec.replicas"),
                        paths.path("statusReplicasPath").asText(".status.replicas"),
                        paths.path("labelSelectorPath").asText(null));
            }
            ResourceType type = new ResourceType(group, name, kind, plural, singular, namespaced, shortNames, categories,
                    Set.copyOf(served), GenericKubernetesResource.class, true);
            JsonNode schema = version.path("schema").path("openAPIV3Schema");
            kinds.add(new CustomKind(type, crdName, uid, generation, storageVersion == null ? name : storageVersion,
                    schema.isObject() ? schema : null, printerColumns(version.path("additionalPrinterColumns")),
                    selectableFields(version.path("selectableFields")), scale));
        }
        kinds.sort(Comparator.comparing((CustomKind k) -> k.type().version(), CustomKinds::compareVersions));
        return kinds;
    }

    /** Kubernetes' version priority: v2 > v1 > v1beta2 > v1beta1 > v1alpha1 > anything else (alphabetical). */
    static int compareVersions(String a, String b) {
        Matcher left = KUBE_VERSION.matcher(a);
        Matcher right = KUBE_VERSION.matcher(b);
        boolean leftKube = left.matches();
        boolean rightKube = right.matches();
        if (!leftKube || !rightKube) {
            return leftKube ? -1 : rightKube ? 1 : a.compareTo(b);
        }
        int leftStage = stage(left.group(2));
        int rightStage = stage(right.group(2));
        if (leftStage != rightStage) {
            return Integer.compare(rightStage, leftStage);
        }
        int major = Integer.compare(Integer.parseInt(right.group(1)), Integer.parseInt(left.group(1)));
        if (major != 0 || left.group(3) == null) {
            return major;
        }
        return Integer.compare(Integer.parseInt(right.group(3)), Integer.parseInt(left.group(3)));
    }

    private static int stage(String stage) {
        return stage == null ? 2 : stage.equals("beta") ? 1 : 0;
    }

    private static List<CustomKind.PrinterColumn> printerColumns(JsonNode columns) {
        List<CustomKind.PrinterColumn> result = new ArrayList<>();
        for (JsonNode column : columns) {
            result.add(new CustomKind.PrinterColumn(column.path("name").asText(), column.path("type").asText("string"),
                    column.path("format").asText(""), column.path("description").asText(""),
                    column.path("priority").asInt(0), column.path("jsonPath").asText("")));
        }
        return List.copyOf(result);
    }

    /** {@code .spec.color} becomes the field label {@code spec.color}. */
    private static List<String> selectableFields(JsonNode fields) {
        List<String> result = new ArrayList<>();
        for (JsonNode field : fields) {
            String path = field.path("jsonPath").asText("");
            if (!path.isEmpty()) {
                result.add(path.startsWith(".") ? path.substring(1) : path);
            }
        }
        return List.copyOf(result);
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(item -> result.add(item.asText()));
        return List.copyOf(result);
    }
}
