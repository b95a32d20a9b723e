package dev.keel.api.admission.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ModelTrees;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pod's ephemeral containers, as Kubernetes validates them: each a valid container, named uniquely across all of
 * the pod's containers, targeting an existing app or init container, and setting none of the fields that would make
 * it part of the workload (ports, resources, probes, lifecycle, subPath mounts).
 */
public final class EphemeralContainerRules {

    /** What validation reports for a field an ephemeral container may not set. */
    public static final String FORBIDDEN_FIELD = "cannot be set for an Ephemeral Container";

    /**
     * Fields of a container an ephemeral one may not set, in the order Kubernetes reports them (its allow-list holds
     * the rest; fields it does not list are forbidden too).
     */
    private static final List<String> FORBIDDEN = List.of("ports", "resources", "resizePolicy",
            "livenessProbe", "readinessProbe", "startupProbe", "lifecycle");

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private EphemeralContainerRules() {
    }

    public static void ephemeralContainers(FieldErrors errors, String path, PodSpec spec) {
        List<EphemeralContainer> ephemeral = spec.getEphemeralContainers();
        if (ephemeral == null || ephemeral.isEmpty()) {
            return;
        }
        Set<String> others = new HashSet<>();
        names(spec.getContainers(), others);
        names(spec.getInitContainers(), others);
        Set<String> all = new HashSet<>(others);
        Set<String> volumes = new HashSet<>();
        if (spec.getVolumes() != null) {
            spec.getVolumes().forEach(volume -> volumes.add(volume.getName()));
        }
        boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
        for (int i = 0; i < ephemeral.size(); i++) {
            EphemeralContainer container = ephemeral.get(i);
            String itemPath = path + "[" + i + "]";
            ContainerRules.container(errors, itemPath, asContainer(container), volumes, false, hostNetwork);
            String name = container.getName();
            if (name != null && !name.isEmpty() && !all.add(name)) {
                errors.duplicate(itemPath + ".name", name);
            }
            String target = container.getTargetContainerName();
            if (target != null && !target.isEmpty() && !others.contains(target)) {
                errors.notFound(itemPath + ".targetContainerName", target);
            }
            forbiddenFields(errors, itemPath, container);
            List<VolumeMount> mounts = container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
            for (int m = 0; m < mounts.size(); m++) {
                if (set(mounts.get(m).getSubPath())) {
                    errors.forbidden(itemPath + ".volumeMounts[" + m + "].subPath", FORBIDDEN_FIELD);
                }
                if (set(mounts.get(m).getSubPathExpr())) {
                    errors.forbidden(itemPath + ".volumeMounts[" + m + "].subPathExpr", FORBIDDEN_FIELD);
                }
            }
        }
    }

    /** The container an ephemeral container describes: the two share every field but the target. */
    public static Container asContainer(EphemeralContainer ephemeral) {
        ObjectNode tree = (ObjectNode) ModelTrees.tree(ephemeral);
        tree.remove("targetContainerName");
        return MAPPER.convertValue(tree, Container.class);
    }

    private static void forbiddenFields(FieldErrors errors, String path, EphemeralContainer container) {
        JsonNode tree = ModelTrees.tree(container);
        for (String field : FORBIDDEN) {
            if (nonZero(tree.get(field))) {
                errors.forbidden(path + "." + field, FORBIDDEN_FIELD);
            }
        }
    }

    /** Go's "not the zero value": defaulting leaves {@code resources: {}}, which counts as unset. */
    private static boolean nonZero(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isContainerNode()) {
            for (JsonNode child : value) {
                if (nonZero(child)) {
                    return true;
                }
            }
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.asDouble() != 0;
        }
        return !value.asText().isEmpty();
    }

    private static boolean set(String value) {
        return value != null && !value.isEmpty();
    }

    private static void names(List<Container> containers, Set<String> names) {
        if (containers != null) {
            containers.forEach(container -> names.add(container.getName()));
        }
    }
}
