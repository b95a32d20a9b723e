package dev.keel.reconciler.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The annotations through which a Deployment and its ReplicaSets record revisions, as kubectl rollout reads them. */
final class Revisions {

    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    private static final Set<String> NOT_COPIED = Set.of(REVISION, DESIRED_REPLICAS, MAX_REPLICAS,
            "deployment.kubernetes.io/revision-history", "kubectl.kubernetes.io/last-applied-configuration");

    private Revisions() {
    }

    static long of(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        if (annotations == null || annotations.get(REVISION) == null) {
            return 0;
        }
        try {
            return Long.parseLong(annotations.get(REVISION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static long max(Collection<? extends HasMetadata> objects) {
        return objects.stream().mapToLong(Revisions::of).max().orElse(0);
    }

    /** The Deployment's own annotations a ReplicaSet carries too (kubernetes.io/change-cause among them). */
    static Map<String, String> copied(HasMetadata deployment) {
        Map<String, String> copied = new HashMap<>();
        if (deployment.getMetadata().getAnnotations() != null) {
            deployment.getMetadata().getAnnotations().forEach((key, value) -> {
                if (!NOT_COPIED.contains(key)) {
                    copied.put(key, value);
                }
            });
        }
        return copied;
    }
}
