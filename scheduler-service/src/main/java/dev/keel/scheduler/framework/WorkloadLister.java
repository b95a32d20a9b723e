package dev.keel.scheduler.framework;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Optional;

/**
 * The workloads plugins may read besides nodes and pods, from the scheduler's caches: what a pod belongs to, for
 * spreading replicas by default. Read-only objects of the informers.
 */
public interface WorkloadLister {

    /** Knows no workload: default spreading never applies. */
    WorkloadLister NONE = new WorkloadLister() {
        @Override
        public List<Service> services(String namespace) {
            return List.of();
        }

        @Override
        public Optional<ReplicaSet> replicaSet(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<StatefulSet> statefulSet(String namespace, String name) {
            return Optional.empty();
        }
    };

    /** The Services of a namespace. */
    List<Service> services(String namespace);

    Optional<ReplicaSet> replicaSet(String namespace, String name);

    Optional<StatefulSet> statefulSet(String namespace, String name);
}
