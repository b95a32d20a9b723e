package dev.keel.reconciler.disruption;

import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.objects.Owners;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes' disruption-controller finders over the informer caches: a ReplicaSet's pods count against the
 * Deployment that controls it (its spec.replicas) or else the ReplicaSet itself; StatefulSets and
 * ReplicationControllers count by their own spec.replicas. The uid must match the reference: a recreated controller
 * of the same name is another one.
 */
public final class CachedScales implements ScaleFinder {

    private final Informers informers;

    /** A ReplicaSet a Deployment controls counts as that Deployment, which must be there. */
    private Optional<ControllerScale> replicaSetScale(ReplicaSet rs, String namespace) {
        Optional<OwnerReference> owner = Owners.controllerOf(rs).filter(reference -> "Deployment".equals(reference.getKind()));
        if (owner.isEmpty()) {
            return Optional.of(new ControllerScale(rs.getMetadata().getUid(), Objects.requireNonNullElse(rs.getSpec().getReplicas(), 1)));
        }
        return informers.get(Deployment.class, namespace, owner.get().getName())
                .filter(deployment -> owner.get().getUid().equals(deployment.getMetadata().getUid()))
                .map(deployment -> new ControllerScale(deployment.getMetadata().getUid(),
                        Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1)));
    }

    public CachedScales(Informers informers) {
        this.informers = informers;
    }

    @Override
    public Optional<ControllerScale> find(OwnerReference controller, String namespace) {
        String group = controller.getApiVersion() == null || !controller.getApiVersion().contains("/") ? ""
                : controller.getApiVersion().substring(0, controller.getApiVersion().indexOf('/'));
        return switch (controller.getKind() + "." + group) {
            case "ReplicaSet.apps" -> informers.get(ReplicaSet.class, namespace, controller.getName())
                    .filter(rs -> controller.getUid().equals(rs.getMetadata().getUid()))
                    .flatMap(rs -> replicaSetScale(rs, namespace));
            case "StatefulSet.apps" -> informers.get(StatefulSet.class, namespace, controller.getName())
                    .filter(sts -> controller.getUid().equals(sts.getMetadata().getUid()))
                    .map(sts -> new ControllerScale(sts.getMetadata().getUid(), Objects.requireNonNullElse(sts.getSpec().getReplicas(), 1)));
            case "ReplicationController." -> informers.get(ReplicationController.class, namespace, controller.getName())
                    .filter(rc -> controller.getUid().equals(rc.getMetadata().getUid()))
                    .map(rc -> new ControllerScale(rc.getMetadata().getUid(), Objects.requireNonNullElse(rc.getSpec().getReplicas(), 1)));
            default -> Optional.empty();
        };
    }
}
