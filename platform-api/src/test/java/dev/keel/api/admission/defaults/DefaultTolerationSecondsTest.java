package dev.keel.api.admission.defaults;

import static dev.keel.api.admission.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.keel.api.admission.AdmissionProperties;
import dev.keel.api.admission.Requests;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultTolerationSecondsTest {

    private final AdmissionProperties properties = new AdmissionProperties();
    private final DefaultTolerationSeconds plugin = new DefaultTolerationSeconds(properties);

    @Test
    void addsBothTolerationsWithTheConfiguredSeconds() {
        properties.setDefaultNotReadyTolerationSeconds(60);
        Pod pod = pod().container("web", "nginx").build();

        plugin.mutate(Requests.create(pod));

        assertThat(pod.getSpec().getTolerations()).extracting(Toleration::getKey, Toleration::getOperator, Toleration::getEffect,
                Toleration::getTolerationSeconds).containsExactly(
                        tuple("node.kubernetes.io/not-ready", "Exists", "NoExecute", 60L),
                        tuple("node.kubernetes.io/unreachable", "Exists", "NoExecute", 300L));
    }

    @Test
    void keepsAPodsOwnToleration() {
        Toleration own = new Toleration("NoExecute", "node.kubernetes.io/not-ready", "Exists", 10L, null);
        Pod pod = pod().container("web", "nginx").spec(spec -> spec.setTolerations(List.of(own))).build();

        plugin.mutate(Requests.create(pod));

        assertThat(pod.getSpec().getTolerations()).hasSize(2);
        assertThat(pod.getSpec().getTolerations().get(0).getTolerationSeconds()).isEqualTo(10L);
        assertThat(pod.getSpec().getTolerations().get(1).getKey()).isEqualTo("node.kubernetes.io/unreachable");
    }

    @Test
    void aTolerationOfEverythingNeedsNoDefaults() {
        Toleration everything = new Toleration(null, null, "Exists", null, null);
        Pod pod = pod().container("web", "nginx").spec(spec -> spec.setTolerations(List.of(everything))).build();

        plugin.mutate(Requests.create(pod));

        assertThat(pod.getSpec().getTolerations()).containsExactly(everything);
    }

    @Test
    void leavesSubresourceWritesAlone() {
        Pod pod = pod().container("web", "nginx").build();

        plugin.mutate(Requests.subresource("status", pod, pod));

        assertThat(pod.getSpec().getTolerations()).isEmpty();
    }
}
