package dev.keel.api.patch;

import static dev.keel.api.patch.FieldSchema.applyKeyedList;
import static dev.keel.api.patch.FieldSchema.applySet;
import static dev.keel.api.patch.FieldSchema.atomicList;
import static dev.keel.api.patch.FieldSchema.atomicObject;
import static dev.keel.api.patch.FieldSchema.keyedList;
import static dev.keel.api.patch.FieldSchema.object;
import static dev.keel.api.patch.FieldSchema.patchKeyedList;
import static dev.keel.api.patch.FieldSchema.primitiveSet;

import dev.keel.api.resource.ResourceType;
import java.util.Map;

/**
 * The merge keys and list semantics of the built-in kinds, transcribed from the {@code patchStrategy},
 * {@code patchMergeKey}, {@code listType}, {@code listMapKey}, {@code structType} and {@code mapType}
 * markers of the Kubernetes API types. Only fields that differ from the defaults (objects merge key by key,
 * lists are atomic) are listed. Kinds not in the table get object metadata rules only.
 */
final class PatchStrategies {

    /** Conditions of most status types: merged by {@code type} in both engines. */
    private static final FieldSchema CONDITIONS = keyedList("type");

    private static final FieldSchema OBJECT_META = object()
            .with("finalizers", primitiveSet())
            .with("ownerReferences", keyedList("uid", atomicObject()))
            .with("managedFields", atomicList())
            .build();

    /** LabelSelector is {@code structType=atomic}: a selector is owned and replaced whole. */
    private static final FieldSchema LABEL_SELECTOR = atomicObject();

    private static final FieldSchema ENV_VAR = object()
            .with("valueFrom", object()
                    .with("configMapKeyRef", atomicObject())
                    .with("secretKeyRef", atomicObject())
                    .with("fieldRef", atomicObject())
                    .with("resourceFieldRef", atomicObject()))
            .build();

    /** Container and EphemeralContainer share these list fields. */
    private static final FieldSchema CONTAINER = object()
            // Patches merge ports by containerPort alone; apply identifies them by port and protocol.
            .with("ports", keyedList("containerPort").withApplyKeys("containerPort", "protocol").withKeyDefault("protocol", "TCP"))
            .with("env", keyedList("name", ENV_VAR))
            .with("envFrom", atomicList())
            .with("volumeMounts", keyedList("mountPath"))
            .with("volumeDevices", keyedList("devicePath"))
            .with("resizePolicy", atomicList())
            .with("resources", object().with("claims", applyKeyedList("name", FieldSchema.GENERIC)))
            .build();

    private static final FieldSchema PVC_SPEC = object()
            .with("selector", LABEL_SELECTOR)
            .with("dataSource", atomicObject())
            .with("accessModes", atomicList())
            .build();

    private static final FieldSchema VOLUME = object()
            .with("ephemeral", object().with("volumeClaimTemplate", object()
                    .with("metadata", OBJECT_META)
                    .with("spec", PVC_SPEC)))
            .build();

    private static final FieldSchema POD_SPEC = object()
            // volumes and resourceClaims also carry retainKeys; $retainKeys is honoured wherever a patch sends it.
            .with("volumes", keyedList("name", VOLUME))
            .with("initContainers", keyedList("name", CONTAINER))
            .with("containers", keyedList("name", CONTAINER))
            .with("ephemeralContainers", keyedList("name", CONTAINER))
            .with("imagePullSecrets", keyedList("name", atomicObject()))
            .with("hostAliases", keyedList("ip"))
            .with("tolerations", atomicList())
            .with("readinessGates", atomicList())
            .with("schedulingGates", keyedList("name"))
            .with("resourceClaims", keyedList("name"))
            .with("topologySpreadConstraints", keyedList("topologyKey", object().with("labelSelector", LABEL_SELECTOR).build())
                    .withApplyKeys("topologyKey", "whenUnsatisfiable"))
            .with("nodeSelector", atomicObject())
            .with("affinity", object().with("nodeAffinity", object()
                    .with("requiredDuringSchedulingIgnoredDuringExecution", atomicObject())))
            .build();

    private static final FieldSchema POD_STATUS = object()
            .with("conditions", CONDITIONS)
            .with("podIPs", keyedList("ip"))
            .with("hostIPs", keyedList("ip"))
            .with("resourceClaimStatuses", keyedList("name"))
            .with("containerStatuses", atomicList())
            .with("initContainerStatuses", atomicList())
            .with("ephemeralContainerStatuses", atomicList())
            .build();

    private static final FieldSchema POD_TEMPLATE = object()
            .with("metadata", OBJECT_META)
            .with("spec", POD_SPEC)
            .build();

    /** Deployments, replica sets and daemon sets: a selector, a pod template and typed conditions. */
    private static final FieldSchema WORKLOAD = withMeta()
            .with("spec", object().with("selector", LABEL_SELECTOR).with("template", POD_TEMPLATE))
            .with("status", object().with("conditions", CONDITIONS))
            .build();

    private static final FieldSchema GENERIC_KIND = withMeta().build();

    private static final Map<String, FieldSchema> KINDS = Map.ofEntries(
            Map.entry("/Pod", withMeta().with("spec", POD_SPEC).with("status", POD_STATUS).build()),
            Map.entry("/Service", withMeta()
                    .with("spec", object()
                            .with("ports", keyedList("port").withApplyKeys("port", "protocol").withKeyDefault("protocol", "TCP"))
                            .with("selector", atomicObject()))
                    .with("status", object().with("conditions", CONDITIONS))
                    .build()),
            Map.entry("/Node", withMeta()
                    .with("spec", object().with("podCIDRs", primitiveSet()).with("taints", atomicList()))
                    .with("status", object().with("conditions", CONDITIONS).with("addresses", keyedList("type")))
                    .build()),
            Map.entry("/Namespace", withMeta()
                    // Unlike metadata.finalizers, the namespace's spec.finalizers have no patch strategy.
                    .with("spec", object().with("finalizers", atomicList()))
                    .with("status", object().with("conditions", CONDITIONS))
                    .build()),
            Map.entry("/PersistentVolumeClaim", withMeta()
                    .with("spec", PVC_SPEC)
                    .with("status", object().with("conditions", CONDITIONS))
                    .build()),
            Map.entry("/ServiceAccount", withMeta()
                    .with("secrets", keyedList("name", atomicObject()))
                    .with("imagePullSecrets", atomicList())
                    .build()),
            Map.entry("/Event", withMeta()
                    .with("involvedObject", atomicObject())
                    .with("related", atomicObject())
                    .build()),
            Map.entry("apps/Deployment", WORKLOAD),
            Map.entry("apps/ReplicaSet", WORKLOAD),
            Map.entry("apps/DaemonSet", WORKLOAD),
            Map.entry("apps/StatefulSet", withMeta()
                    .with("spec", object()
                            .with("selector", LABEL_SELECTOR)
                            .with("template", POD_TEMPLATE)
                            // Claim templates have no patch strategy: a patch replaces the whole list.
                            .with("volumeClaimTemplates", atomicList()))
                    .with("status", object().with("conditions", CONDITIONS))
                    .build()),
            Map.entry("batch/Job", withMeta()
                    .with("spec", object().with("selector", LABEL_SELECTOR).with("template", POD_TEMPLATE))
                    .with("status", object()
                            // Merged by type in patches but listType=atomic for apply.
                            .with("conditions", patchKeyedList("type"))
                            .with("uncountedTerminatedPods", object()
                                    .with("succeeded", applySet())
                                    .with("failed", applySet())))
                    .build()));

    private PatchStrategies() {
    }

    /** The schema of a whole object of {@code type}. */
    static FieldSchema forType(ResourceType type) {
        return forKind(type.group(), type.kind());
    }

    static FieldSchema forKind(String group, String kind) {
        FieldSchema schema = KINDS.get(group + "/" + kind);
        return schema == null ? GENERIC_KIND : schema;
    }

    private static FieldSchema.Builder withMeta() {
        return object().with("metadata", OBJECT_META);
    }
}
