package dev.keel.reconciler.workload;

import dev.keel.runtime.controller.Expectations;
import dev.keel.runtime.objects.Owners;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Optional;

/** Lowers a controller's expectations as the pods it created or deleted show up in the pod cache. */
public final class OwnedPodExpectations implements ResourceEventHandler<Pod> {

    private final Expectations expectations;
    private final String ownerKind;

    public OwnedPodExpectations(Expectations expectations, String ownerKind) {
        this.expectations = expectations;
        this.ownerKind = ownerKind;
    }

    @Override
    public void onAdd(Pod pod) {
        owner(pod).ifPresent(key -> {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                expectations.deletionObserved(key, pod.getMetadata().getUid());
            } else {
                expectations.creationObserved(key);
            }
        });
    }

    @Override
    public void onUpdate(Pod before, Pod after) {
        if (before.getMetadata().getDeletionTimestamp() == null && after.getMetadata().getDeletionTimestamp() != null) {
            owner(after).ifPresent(key -> expectations.deletionObserved(key, after.getMetadata().getUid()));
        }
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
        owner(pod).ifPresent(key -> expectations.deletionObserved(key, pod.getMetadata().getUid()));
    }

    private Optional<Request> owner(Pod pod) {
        return Owners.controllerOf(pod)
                .filter(owner -> ownerKind.equals(owner.getKind()))
                .map(owner -> new Request(pod.getMetadata().getNamespace(), owner.getName()));
    }
}
