package dev.keel.reconciler.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdKindsTest {

    private static CustomResourceDefinition definition(String scope, boolean established, String... servedVersions) {
        List<CustomResourceDefinitionVersion> versions = new ArrayList<>();
        versions.add(new CustomResourceDefinitionVersionBuilder().withName("v1alpha1").withServed(false).build());
        for (String version : servedVersions) {
            versions.add(new CustomResourceDefinitionVersionBuilder().withName(version).withServed(true).build());
        }
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("webapps.examples.keel.dev").endMetadata()
                .withNewSpec().withGroup("examples.keel.dev").withScope(scope)
                .withNewNames().withKind("WebApp").withPlural("webapps").withSingular("webapp").endNames()
                .withVersions(versions).endSpec()
                .withNewStatus().addNewCondition().withType("Established").withStatus(established ? "True" : "False")
                .endCondition().endStatus()
                .build();
    }

    @Test
    void anEstablishedDefinitionGivesItsKindAtThePreferredServedVersion() {
        List<GcKind> kinds = CrdKinds.of(List.of(definition("Namespaced", true, "v1beta1", "v1", "v2alpha1")));

        assertThat(kinds).containsExactly(GcKind.custom("examples.keel.dev", "v1", "WebApp", "webapps", true));
        assertThat(kinds.get(0).qualifiedName()).isEqualTo("WebApp.examples.keel.dev");
        assertThat(kinds.get(0).collectionPath("team")).isEqualTo("/apis/examples.keel.dev/v1/namespaces/team/webapps");
    }

    @Test
    void aClusterScopedKindIsNotNamespaced() {
        GcKind kind = CrdKinds.of(List.of(definition("Cluster", true, "v1"))).get(0);

        assertThat(kind.namespaced()).isFalse();
        assertThat(kind.collectionPath(null)).isEqualTo("/apis/examples.keel.dev/v1/webapps");
    }

    @Test
    void definitionsNotEstablishedOrServingNothingGiveNoKind() {
        assertThat(CrdKinds.of(List.of(definition("Namespaced", false, "v1")))).isEmpty();
        assertThat(CrdKinds.of(List.of(definition("Namespaced", true)))).isEmpty();
        assertThat(CrdKinds.of(List.of(new CustomResourceDefinition()))).isEmpty();
    }
}
