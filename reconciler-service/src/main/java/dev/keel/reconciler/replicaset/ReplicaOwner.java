package dev.keel.reconciler.replicaset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What the replica controller needs to know of the kind that owns the pods: apps/v1 ReplicaSet or core/v1
 * ReplicationController, which Kubernetes runs with one controller too. Read-only views of a cached object, and the
 * one write, of the status.
 */
public interface ReplicaOwner<T extends HasMetadata> {

    Class<T> type();

    /** The kind as ownerReferences name it. */
    default String kind() {
        return type().getSimpleName();
    }

    /** The pods it selects; null selects nothing. */
    LabelSelector selector(T owner);

    /** spec.replicas, 1 when unset (as the API defaults it). */
    int replicas(T owner);

    int minReadySeconds(T owner);

    PodTemplateSpec template(T owner);

    /** The status as stored, in the shared shape. */
    ReplicaStatus status(T owner);

    /** Writes {@code status} through the status subresource of a copy of {@code owner}. */
    void writeStatus(KubernetesClient client, T owner, ReplicaStatus status);
}
