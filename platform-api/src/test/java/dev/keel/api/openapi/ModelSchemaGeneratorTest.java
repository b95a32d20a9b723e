package dev.keel.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSchemaGeneratorTest {

    private static Map<String, ObjectNode> generate(SchemaDialect dialect, Class<?>... roots) {
        ModelSchemaGenerator generator = new ModelSchemaGenerator(dialect);
        for (Class<?> root : roots) {
            generator.define(root);
        }
        return generator.definitions();
    }

    @Test
    void podSpecContainersIsAnArrayOfContainerWithRequiredName() {
        Map<String, ObjectNode> definitions = generate(SchemaDialect.OPENAPI_3, Pod.class);

        JsonNode pod = definitions.get("io.k8s.api.core.v1.Pod");
        assertThat(pod.path("type").asText()).isEqualTo("object");
        assertThat(pod.at("/properties/spec/$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.PodSpec");
        assertThat(pod.at("/properties/metadata/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(pod.path("x-kubernetes-group-version-kind").get(0).toString())
                .isEqualTo("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}");

        JsonNode containers = definitions.get("io.k8s.api.core.v1.PodSpec").at("/properties/containers");
        assertThat(containers.path("type").asText()).isEqualTo("array");
        assertThat(containers.at("/items/$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.Container");
        assertThat(containers.path("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
        assertThat(containers.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");

        JsonNode container = definitions.get("io.k8s.api.core.v1.Container");
        assertThat(container.at("/properties/name/type").asText()).isEqualTo("string");
        assertThat(container.at("/properties/image/type").asText()).isEqualTo("string");
        assertThat(container.path("required").toString()).isEqualTo("[\"name\"]");
        assertThat(container.at("/properties/args/items/type").asText()).isEqualTo("string");
        assertThat(container.path("properties").has("additionalProperties")).isFalse();
    }

    @Test
    void scalarsMapsAndTimesFollowKubernetesTypes() {
        Map<String, ObjectNode> definitions = generate(SchemaDialect.OPENAPI_3, Pod.class);

        JsonNode spec = definitions.get("io.k8s.api.core.v1.PodSpec").path("properties");
        assertThat(spec.at("/terminationGracePeriodSeconds/format").asText()).isEqualTo("int64");
        assertThat(spec.at("/hostNetwork/type").asText()).isEqualTo("boolean");
        assertThat(spec.at("/nodeSelector/type").asText()).isEqualTo("object");
        assertThat(spec.at("/nodeSelector/additionalProperties/type").asText()).isEqualTo("string");

        JsonNode port = definitions.get("io.k8s.api.core.v1.ContainerPort").path("properties");
        assertThat(port.at("/containerPort/type").asText()).isEqualTo("integer");
        assertThat(port.at("/containerPort/format").asText()).isEqualTo("int32");

        JsonNode meta = definitions.get("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").path("properties");
        assertThat(meta.at("/creationTimestamp/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time");
        assertThat(definitions.get("io.k8s.apimachinery.pkg.apis.meta.v1.Time").path("format").asText()).isEqualTo("date-time");
        assertThat(meta.at("/name/type").asText()).isEqualTo("string");

        JsonNode requests = definitions.get("io.k8s.api.core.v1.ResourceRequirements").at("/properties/requests");
        assertThat(requests.at("/additionalProperties/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity");
    }

    @Test
    void intOrStringIsMarkedSoInBothDialects() {
        Map<String, ObjectNode> v3 = generate(SchemaDialect.OPENAPI_3, Deployment.class);
        JsonNode maxSurge = v3.get("io.k8s.api.apps.v1.RollingUpdateDeployment").at("/properties/maxSurge");
        assertThat(maxSurge.path("$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        JsonNode intOrString = v3.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        assertThat(intOrString.path("x-kubernetes-int-or-string").asBoolean()).isTrue();
        assertThat(intOrString.has("type")).isFalse();

        Map<String, ObjectNode> v2 = generate(SchemaDialect.SWAGGER_2, Deployment.class);
        JsonNode v2IntOrString = v2.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        assertThat(v2IntOrString.path("type").asText()).isEqualTo("string");
        assertThat(v2IntOrString.path("format").asText()).isEqualTo("int-or-string");
    }

    @Test
    void swaggerKindsHaveNoTypeAndRefsCarryDirectivesBeside() {
        Map<String, ObjectNode> v2 = generate(SchemaDialect.SWAGGER_2, Deployment.class);
        JsonNode spec = v2.get("io.k8s.api.apps.v1.DeploymentSpec");
        assertThat(spec.has("type")).isFalse();
        assertThat(spec.path("required").toString()).isEqualTo("[\"selector\",\"template\"]");
        assertThat(spec.at("/properties/replicas/type").asText()).isEqualTo("integer");
        JsonNode strategy = spec.at("/properties/strategy");
        assertThat(strategy.path("$ref").asText()).isEqualTo("#/definitions/io.k8s.api.apps.v1.DeploymentStrategy");
        assertThat(strategy.path("x-kubernetes-patch-strategy").asText()).isEqualTo("retainKeys");

        Map<String, ObjectNode> v3 = generate(SchemaDialect.OPENAPI_3, Deployment.class);
        JsonNode v3Strategy = v3.get("io.k8s.api.apps.v1.DeploymentSpec").at("/properties/strategy");
        assertThat(v3Strategy.at("/allOf/0/$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy");
        assertThat(v3Strategy.has("$ref")).isFalse();
    }

    @Test
    void everyReferenceResolves() {
        for (SchemaDialect dialect : SchemaDialect.values()) {
            Map<String, ObjectNode> definitions = generate(dialect, Pod.class, Deployment.class);
            for (ObjectNode definition : definitions.values()) {
                definition.findValues("$ref").forEach(ref -> assertThat(definitions)
                        .containsKey(ref.asText().substring(dialect.refPrefix().length())));
            }
        }
    }
}
