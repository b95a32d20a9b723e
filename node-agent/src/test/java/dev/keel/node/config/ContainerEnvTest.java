package dev.keel.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.node.testing.InMemoryConfigSources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerEnvTest {

    private static final Pod POD = new PodBuilder().withNewMetadata().withName("web-1").withNamespace("shop")
        .withUid("uid-1").addToLabels("app", "web").addToAnnotations("team", "blue").endMetadata()
        .withNewSpec().withNodeName("node-a").withServiceAccountName("builder").endSpec().build();

    private final InMemoryConfigSources sources = new InMemoryConfigSources()
        .configMap("shop", "settings", Map.of("mode", "fast", "level", "3"))
        .secret("shop", "credentials", Map.of("token", "s3cr3t"));

    private Map<String, String> resolve(Container container) throws ConfigUnavailableException {
        return new ContainerEnv(POD, sources, "10.244.1.5", "192.168.0.9",
            Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi"))).resolve(container);
    }

    private static ContainerBuilder container() {
        return new ContainerBuilder().withName("main").withImage("busybox:1.35");
    }

    private static EnvVar field(String name, String path) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(path)
            .endFieldRef().endValueFrom().build();
    }

    static Stream<Arguments> downwardFields() {
        return Stream.of(
            Arguments.of("metadata.name", "web-1"),
            Arguments.of("metadata.namespace", "shop"),
            Arguments.of("metadata.uid", "uid-1"),
            Arguments.of("metadata.labels['app']", "web"),
            Arguments.of("metadata.annotations['team']", "blue"),
            Arguments.of("spec.nodeName", "node-a"),
            Arguments.of("spec.serviceAccountName", "builder"),
            Arguments.of("status.podIP", "10.244.1.5"),
            Arguments.of("status.hostIP", "192.168.0.9"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("downwardFields")
    void downwardApiFieldsComeFromThePod(String path, String expected) throws Exception {
        assertThat(resolve(container().withEnv(field("X", path)).build())).containsEntry("X", expected);
    }

    @Test
    void envFromComesFirstWithItsPrefixAndEnvOverridesIt() throws Exception {
        Container container = container()
            .addNewEnvFrom().withPrefix("CFG_").withNewConfigMapRef().withName("settings").endConfigMapRef().endEnvFrom()
            .addNewEnvFrom().withNewSecretRef().withName("credentials").endSecretRef().endEnvFrom()
            .addNewEnv().withName("CFG_mode").withValue("slow").endEnv()
            .build();
        assertThat(resolve(container)).isEqualTo(Map.of("CFG_mode", "slow", "CFG_level", "3", "token", "s3cr3t"));
    }

    @Test
    void keyReferencesReadConfigMapsAndDecodeSecrets() throws Exception {
        Container container = container()
            .addNewEnv().withName("MODE").withNewValueFrom().withNewConfigMapKeyRef("mode", "settings", false)
            .endValueFrom().endEnv()
            .addNewEnv().withName("TOKEN").withNewValueFrom().withNewSecretKeyRef("token", "credentials", false)
            .endValueFrom().endEnv()
            .build();
        assertThat(resolve(container)).containsEntry("MODE", "fast").containsEntry("TOKEN", "s3cr3t");
    }

    @Test
    void referencesExpandToEarlierVariablesAndDollarDollarEscapes() throws Exception {
        Container container = container()
            .addNewEnv().withName("HOST").withValue("db").endEnv()
            .addNewEnv().withName("URL").withValue("postgres://$(HOST):5432/$(UNKNOWN)?x=$$(HOST)").endEnv()
            .build();
        assertThat(resolve(container)).containsEntry("URL", "postgres://db:5432/$(UNKNOWN)?x=$(HOST)");
    }

    static Stream<Arguments> resourceFields() {
        return Stream.of(
            // resource, divisor (null: 1), value
            Arguments.of("limits.cpu", null, "1"),
            Arguments.of("limits.cpu", "1m", "500"),
            Arguments.of("requests.cpu", "1m", "250"),
            Arguments.of("limits.memory", "1Mi", "64"),
            Arguments.of("limits.memory", null, "67108864"),
            Arguments.of("requests.memory", null, "0"),
            Arguments.of("limits.ephemeral-storage", null, "0"));
    }

    @ParameterizedTest(name = "{0} / {1} is {2}")
    @MethodSource("resourceFields")
    void resourceFieldsAreRoundedUpInDivisorUnits(String resource, String divisor, String expected) throws Exception {
        Container container = container().withNewResources().addToLimits("cpu", new Quantity("500m"))
            .addToLimits("memory", new Quantity("64Mi")).addToRequests("cpu", new Quantity("250m")).endResources()
            .addNewEnv().withName("R").withNewValueFrom().withNewResourceFieldRef().withResource(resource)
            .withDivisor(divisor == null ? null : new Quantity(divisor)).endResourceFieldRef().endValueFrom().endEnv()
            .build();
        assertThat(resolve(container)).containsEntry("R", expected);
    }

    @Test
    void anUnsetLimitIsTheNodesAllocatable() throws Exception {
        Container container = container()
            .addNewEnv().withName("CPU").withNewValueFrom().withNewResourceFieldRef().withResource("limits.cpu")
            .endResourceFieldRef().endValueFrom().endEnv()
            .addNewEnv().withName("MEM").withNewValueFrom().withNewResourceFieldRef().withResource("limits.memory")
            .withDivisor(new Quantity("1Gi")).endResourceFieldRef().endValueFrom().endEnv()
            .build();
        assertThat(resolve(container)).containsEntry("CPU", "4").containsEntry("MEM", "8");
    }

    static Stream<Arguments> missingSources() {
        return Stream.of(
            Arguments.of(new EnvVarBuilder().withName("A").withNewValueFrom()
                .withNewConfigMapKeyRef("mode", "absent", false).endValueFrom().build(), "configmap \"absent\" not found"),
            Arguments.of(new EnvVarBuilder().withName("A").withNewValueFrom()
                .withNewConfigMapKeyRef("nope", "settings", false).endValueFrom().build(),
                "couldn't find key nope in ConfigMap shop/settings"),
            Arguments.of(new EnvVarBuilder().withName("A").withNewValueFrom()
                .withNewSecretKeyRef("token", "absent", false).endValueFrom().build(), "secret \"absent\" not found"),
            Arguments.of(new EnvVarBuilder().withName("A").withNewValueFrom()
                .withNewSecretKeyRef("nope", "credentials", null).endValueFrom().build(),
                "couldn't find key nope in Secret shop/credentials"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("missingSources")
    void aMissingRequiredSourceIsAConfigError(EnvVar variable, String message) {
        assertThatThrownBy(() -> resolve(container().withEnv(variable).build()))
            .isInstanceOf(ConfigUnavailableException.class).hasMessage(message);
    }

    @Test
    void aMissingOptionalSourceLeavesTheVariableOut() throws Exception {
        Container container = container()
            .addNewEnv().withName("A").withNewValueFrom().withNewConfigMapKeyRef("mode", "absent", true)
            .endValueFrom().endEnv()
            .addNewEnvFrom().withNewSecretRef().withName("absent").withOptional(true).endSecretRef().endEnvFrom()
            .build();
        assertThat(resolve(container)).isEmpty();
    }

    @Test
    void aMissingEnvFromSourceIsAConfigError() {
        Container container = container().addNewEnvFrom().withNewConfigMapRef().withName("absent").endConfigMapRef()
            .endEnvFrom().build();
        assertThatThrownBy(() -> resolve(container)).hasMessage("configmap \"absent\" not found");
    }
}
