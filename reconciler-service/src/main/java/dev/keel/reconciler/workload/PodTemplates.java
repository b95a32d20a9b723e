package dev.keel.reconciler.workload;

import dev.keel.runtime.objects.Owners;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.HashMap;
import java.util.Map;

/** Pods made from a workload's pod template, controlled by that workload. */
public final class PodTemplates {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private PodTemplates() {
    }

    /** A pod named {@code <generateName>xxxxx} by the API server, with the template's labels, annotations and spec. */
    public static Pod podFrom(PodTemplateSpec template, HasMetadata owner, String generateName) {
        PodTemplateSpec copy = SERIALIZATION.clone(template);
        Map<String, String> labels = copy.getMetadata() == null || copy.getMetadata().getLabels() == null
                ? new HashMap<>() : new HashMap<>(copy.getMetadata().getLabels());
        Map<String, String> annotations = copy.getMetadata() == null || copy.getMetadata().getAnnotations() == null
                ? new HashMap<>() : new HashMap<>(copy.getMetadata().getAnnotations());
        return new PodBuilder()
                .withNewMetadata()
                    .withGenerateName(generateName)
                    .withNamespace(owner.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(annotations.isEmpty() ? null : annotations)
                    .withOwnerReferences(Owners.controllerReference(owner))
                .endMetadata()
                .withSpec(copy.getSpec())
                .build();
    }

    /** A deep copy, for changing an object read from an informer cache. */
    public static <T> T copy(T object) {
        return SERIALIZATION.clone(object);
    }
}
