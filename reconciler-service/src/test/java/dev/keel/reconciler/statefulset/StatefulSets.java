package dev.keel.reconciler.statefulset;

import dev.keel.reconciler.testing.Workloads;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.Map;

/** StatefulSets for tests: app=name pods, a "data" claim template, the headless service named after the set. */
final class StatefulSets {

    private StatefulSets() {
    }

    static StatefulSetBuilder statefulSet(String name, int replicas) {
        Map<String, String> labels = Map.of("app", name);
        return new StatefulSetBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withServiceName(name)
                    .withNewSelector().withMatchLabels(labels).endSelector()
                    .withTemplate(Workloads.template(labels))
                    .withVolumeClaimTemplates(new PersistentVolumeClaimBuilder()
                            .withNewMetadata().withName("data").endMetadata()
                            .withNewSpec().withAccessModes("ReadWriteOnce")
                                .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                            .endSpec()
                            .build())
                .endSpec();
    }
}
