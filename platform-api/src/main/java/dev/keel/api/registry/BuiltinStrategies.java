package dev.keel.api.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.table.TableColumns;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The strategies of the built-in kinds: the defaults of each served type, the table columns registered for its kind
 * ({@code dev.keel.api.table}), and what the few kinds with something special add, written out below one kind per
 * entry. As before this class, kinds are matched by name in every group (the columns and fields of {@code Event}
 * serve core and events.k8s.io alike).
 */
public final class BuiltinStrategies {

    /** What each kind adds to its defaults. */
    private static final Map<String, UnaryOperator<KindStrategy.Builder>> SPECIAL = Map.of(
            "Pod", pod -> pod
                    .onCreate(object -> object.withObjectProperty("status").put("phase", "Pending"))
                    // Only the ephemeral containers change through this subresource, as in Kubernetes' strategy.
                    .subresourceWrite("ephemeralcontainers", SubresourceWrite.specField("ephemeralContainers"))
                    // A binding is written by the server itself and sets spec and status together.
                    .subresourceWrite("binding", SubresourceWrite.WHOLE_OBJECT)
                    .deletion(new PodDeletion())
                    .returnsDeletedObject(true)
                    .selectableFields(Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
                            "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP",
                            "status.nominatedNodeName")),
            "Namespace", namespace -> namespace
                    .onCreate(BuiltinStrategies::activeNamespace)
                    .subresourceWrite("finalize", SubresourceWrite.specField("finalizers"))
                    .deletion(new NamespaceDeletion())
                    .selectableFields(Set.of("status.phase")),
            "PersistentVolumeClaim", claim -> claim
                    .onCreate(object -> object.withObjectProperty("status").put("phase", "Pending")),
            "Event", event -> event
                    .selectableFields(Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                            "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                            "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type")),
            "Secret", secret -> secret.selectableFields(Set.of("type")),
            "Node", node -> node.selectableFields(Set.of("spec.unschedulable")),
            "Job", job -> job.selectableFields(Set.of("status.successful")),
            "ReplicaSet", replicaSet -> replicaSet.selectableFields(Set.of("status.replicas")));

    private BuiltinStrategies() {
    }

    /** One strategy per resource of {@code registry}, with the columns of {@code columns} by kind. */
    public static List<KindStrategy> of(ResourceRegistry registry, Collection<TableColumns> columns) {
        Map<String, TableColumns> columnsByKind = new HashMap<>();
        columns.forEach(kindColumns -> columnsByKind.put(kindColumns.kind(), kindColumns));
        Map<String, KindStrategy> byResource = new HashMap<>();
        for (ResourceType type : registry.all()) {
            byResource.computeIfAbsent(KindStrategy.key(type.group(), type.plural()), key -> of(type, columnsByKind));
        }
        return List.copyOf(byResource.values());
    }

    /** The strategy of one built-in type. */
    public static KindStrategy of(ResourceType type, Map<String, TableColumns> columnsByKind) {
        KindStrategy.Builder builder = KindStrategy.builder(type);
        TableColumns columns = columnsByKind.get(type.kind());
        if (columns != null) {
            builder.columns(columns);
        }
        return SPECIAL.getOrDefault(type.kind(), UnaryOperator.identity()).apply(builder).build();
    }

    /** A namespace starts Active, finalized by {@code kubernetes} unless the client said otherwise. */
    private static void activeNamespace(ObjectNode object) {
        object.withObjectProperty("status").put("phase", "Active");
        ObjectNode spec = object.withObjectProperty("spec");
        if (!spec.has("finalizers")) {
            spec.putArray("finalizers").add("kubernetes");
        }
    }
}
