package dev.keel.reconciler.testing;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.Map;

/** Builders of the workloads controller tests create. */
public final class Workloads {

    private Workloads() {
    }

    public static PodTemplateSpec template(Map<String, String> labels) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                    .addNewContainer().withName("main").withImage("localhost:5000/busybox:1.35")
                        .withCommand("sleep", "3600").endContainer()
                .endSpec()
                .build();
    }

    public static ReplicaSet replicaSet(String name, int replicas, Map<String, String> labels) {
        return new ReplicaSetBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().withMatchLabels(labels).endSelector()
                    .withTemplate(template(labels))
                .endSpec()
                .build();
    }

    public static Deployment deployment(String name, int replicas, Map<String, String> labels) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().withMatchLabels(labels).endSelector()
                    .withTemplate(template(labels))
                .endSpec()
                .build();
    }
}
