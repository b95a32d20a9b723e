package dev.keel.reconciler.revision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.reconciler.testing.Workloads;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateHashesTest {

    @Test
    void theSameTemplateHashesAlikeWhateverItsKeyOrder() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("app", "web");
        forward.put("tier", "front");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("tier", "front");
        backward.put("app", "web");
        assertThat(TemplateHashes.hash(Workloads.template(forward))).isEqualTo(TemplateHashes.hash(Workloads.template(backward)));
    }

    @Test
    void aChangedTemplateHashesDifferently() {
        PodTemplateSpec template = Workloads.template(Map.of("app", "web"));
        PodTemplateSpec changed = Workloads.template(Map.of("app", "web"));
        changed.getSpec().getContainers().get(0).setImage("localhost:5000/busybox:1.36");
        assertThat(TemplateHashes.hash(template)).isNotEqualTo(TemplateHashes.hash(changed)).matches("[bcdfghjklmnpqrstvwxz2456789]+");
    }
}
