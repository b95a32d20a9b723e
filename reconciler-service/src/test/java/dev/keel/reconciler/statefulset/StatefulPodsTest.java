package dev.keel.reconciler.statefulset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StatefulPodsTest {

    @Test
    void ordinalsComeFromTheSetsNameOnly() {
        assertThat(StatefulPods.ordinalOf("web", "web-12")).isEqualTo(OptionalInt.of(12));
        assertThat(StatefulPods.ordinalOf("web", "web-db-1")).isEmpty();
        assertThat(StatefulPods.ordinalOf("web-db", "web-db-1")).isEqualTo(OptionalInt.of(1));
        assertThat(StatefulPods.ordinalOf("web", "web-01")).isEmpty();
        assertThat(StatefulPods.ordinalOf("web", "web-x")).isEmpty();
    }

    @Test
    void aPodHasAStableIdentityAndMountsItsOwnClaims() {
        StatefulSet set = StatefulSets.statefulSet("web", 3).build();
        set.getMetadata().setNamespace("ns");
        set.getMetadata().setUid("uid-1");
        Pod pod = StatefulPods.pod(set, 2, "web-abc");
        assertThat(pod.getMetadata().getName()).isEqualTo("web-2");
        assertThat(pod.getMetadata().getLabels())
                .containsEntry("app", "web")
                .containsEntry(StatefulPods.POD_NAME_LABEL, "web-2")
                .containsEntry(StatefulPods.REVISION_LABEL, "web-abc");
        assertThat(pod.getSpec().getHostname()).isEqualTo("web-2");
        assertThat(pod.getSpec().getSubdomain()).isEqualTo("web");
        assertThat(pod.getSpec().getVolumes()).singleElement()
                .satisfies(volume -> assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("data-web-2"));
        List<PersistentVolumeClaim> claims = StatefulPods.claims(set, 2);
        assertThat(claims).singleElement().satisfies(claim -> {
            assertThat(claim.getMetadata().getName()).isEqualTo("data-web-2");
            assertThat(claim.getMetadata().getLabels()).containsEntry("app", "web");
            assertThat(claim.getMetadata().getOwnerReferences()).isNullOrEmpty();
        });
    }
}
