package dev.keel.reconciler.podgc;

import io.fabric8.kubernetes.api.model.Pod;

/** A pod the collector force-deletes, and why. */
public record PodDeletion(Pod pod, PodGcReason reason) {

    public String describe() {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
