package dev.keel.examples.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The handwritten CRD agrees with the Java model the operator reads and writes. */
class WebAppCrdTest {

    private final CustomResourceDefinition crd = load();

    @Test
    void namesTheKindTheJavaClassDeclares() {
        assertThat(crd.getMetadata().getName()).isEqualTo(WebApp.CRD_NAME).isEqualTo(HasMetadata.getFullResourceName(WebApp.class));
        assertThat(crd.getSpec().getGroup()).isEqualTo(HasMetadata.getGroup(WebApp.class));
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo(HasMetadata.getKind(WebApp.class));
        assertThat(crd.getSpec().getNames().getPlural()).isEqualTo(HasMetadata.getPlural(WebApp.class));
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("wa");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getVersions()).singleElement()
                .satisfies(version -> assertThat(version.getName()).isEqualTo(HasMetadata.getVersion(WebApp.class)));
    }

    @Test
    void scaleSubresourcePointsAtTheFieldsTheOperatorKeeps() {
        CustomResourceDefinitionVersion v1 = crd.getSpec().getVersions().get(0);
        assertThat(v1.getSubresources().getStatus()).isNotNull();
        assertThat(v1.getSubresources().getScale().getSpecReplicasPath()).isEqualTo(".spec.replicas");
        assertThat(v1.getSubresources().getScale().getStatusReplicasPath()).isEqualTo(".status.replicas");
        assertThat(v1.getSubresources().getScale().getLabelSelectorPath()).isEqualTo(".status.selector");
    }

    @Test
    void schemaBoundsReplicasAndDefaultsWhatTheOperatorDefaults() {
        JSONSchemaProps spec = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
                .getProperties().get("spec");
        JSONSchemaProps replicas = spec.getProperties().get("replicas");
        assertThat(replicas.getMinimum()).isZero();
        assertThat(replicas.getMaximum()).isEqualTo(10);
        assertThat(replicas.getDefault().asInt()).isEqualTo(WebAppSpec.DEFAULT_REPLICAS);
        assertThat(spec.getProperties().get("port").getDefault().asInt()).isEqualTo(WebAppSpec.DEFAULT_PORT);
        assertThat(spec.getRequired()).containsExactly("image");
        assertThat(spec.getXKubernetesValidations()).singleElement()
                .satisfies(rule -> assertThat(rule.getRule()).isEqualTo("!self.image.endsWith(':latest')"));
    }

    @Test
    void statusSchemaHasEveryFieldTheStatusClassWrites() {
        JSONSchemaProps status = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
                .getProperties().get("status");
        // A field missing here would be pruned by the API server on every status write.
        assertThat(status.getProperties()).containsOnlyKeys("replicas", "readyReplicas", "selector",
                "observedGeneration", "conditions");
        assertThat(status.getProperties().get("conditions").getItems().getSchema().getProperties())
                .containsOnlyKeys("type", "status", "reason", "message", "observedGeneration", "lastTransitionTime");
    }

    private static CustomResourceDefinition load() {
        InputStream yaml = WebAppCrdTest.class.getResourceAsStream(WebApp.CRD_RESOURCE);
        assertThat(yaml).as(WebApp.CRD_RESOURCE).isNotNull();
        return Serialization.unmarshal(yaml, CustomResourceDefinition.class);
    }
}
