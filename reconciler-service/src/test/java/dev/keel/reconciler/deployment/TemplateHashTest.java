package dev.keel.reconciler.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.reconciler.testing.Workloads;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateHashTest {

    @Test
    void theHashIsStableAndUsesTheSafeAlphabet() {
        PodTemplateSpec template = Workloads.template(Map.of("app", "web"));
        String hash = TemplateHash.of(template, 0);
        assertThat(hash).isEqualTo(TemplateHash.of(Workloads.template(Map.of("app", "web")), 0));
        assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");
    }

    @Test
    void aDifferentTemplateOrCollisionCountGivesAnotherHash() {
        PodTemplateSpec template = Workloads.template(Map.of("app", "web"));
        PodTemplateSpec changed = Workloads.template(Map.of("app", "web"));
        changed.getSpec().getContainers().get(0).setImage("localhost:5000/busybox:1.36");
        assertThat(TemplateHash.of(changed, 0)).isNotEqualTo(TemplateHash.of(template, 0));
        assertThat(TemplateHash.of(template, 1)).isNotEqualTo(TemplateHash.of(template, 0));
    }

    @Test
    void templatesDifferingOnlyByTheHashLabelAreTheSame() {
        PodTemplateSpec template = Workloads.template(Map.of("app", "web"));
        PodTemplateSpec labelled = Workloads.template(Map.of("app", "web"));
        Map<String, String> labels = new HashMap<>(labelled.getMetadata().getLabels());
        labels.put(TemplateHash.LABEL, "abc");
        labelled.getMetadata().setLabels(labels);
        assertThat(TemplateHash.sameTemplate(template, labelled)).isTrue();
        assertThat(TemplateHash.of(labelled, 0)).isEqualTo(TemplateHash.of(template, 0));
    }
}
