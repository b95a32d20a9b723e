package dev.keel.api.admission.validation;

import static dev.keel.api.admission.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.api.admission.Fixtures.PodFixture;
import dev.keel.api.admission.ModelTrees;
import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodValidationTest {

    private static Arguments invalid(String title, Consumer<PodFixture> edit, String... errors) {
        return arguments(title, edit, List.of(errors));
    }

    static Stream<Arguments> pods() {
        return Stream.of(
                invalid("a valid pod", pod -> pod.container("web", "nginx").port(80)),
                invalid("no containers", pod -> { }, "spec.containers: Required value"),
                invalid("container without image", pod -> pod.container("web", null), "spec.containers[0].image: Required value"),
                invalid("container without name", pod -> pod.container(null, "nginx"), "spec.containers[0].name: Required value"),
                invalid("duplicate container names", pod -> pod.container("web", "nginx").container("web", "busybox"),
                        "spec.containers[1].name: Duplicate value: \"web\""),
                invalid("init and app containers share names", pod -> pod.container("web", "nginx")
                        .spec(spec -> spec.getInitContainers().add(new ContainerBuilder()
                                .withName("web").withImage("busybox").build())),
                        "spec.initContainers[0].name: Duplicate value: \"web\""),
                invalid("port out of range", pod -> pod.container("web", "nginx").port(70000),
                        "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"),
                invalid("port name not an IANA service name", pod -> pod.container("web", "nginx").port(80)
                                .withContainer(c -> c.getPorts().get(0).setName("web_port")),
                        "spec.containers[0].ports[0].name: Invalid value: \"web_port\": must contain only alpha-numeric characters "
                                + "(a-z, 0-9), and hyphens (-)"),
                invalid("duplicate port names", pod -> pod.container("web", "nginx").port(80).port(81)
                                .withContainer(c -> c.getPorts().forEach(p -> p.setName("http"))),
                        "spec.containers[0].ports[1].name: Duplicate value: \"http\""),
                invalid("unsupported port protocol", pod -> pod.container("web", "nginx").port(80)
                                .withContainer(c -> c.getPorts().get(0).setProtocol("HTTP")),
                        "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
                invalid("env name with '='", pod -> pod.container("web", "nginx")
                                .withContainer(c -> c.getEnv().add(new EnvVar("A=B", "1", null))),
                        "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist "
                                + "only of printable ASCII characters other than '='"),
                invalid("unknown restart policy", pod -> pod.container("web", "nginx").spec(spec -> spec.setRestartPolicy("Sometimes")),
                        "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""),
                invalid("mount of a missing volume", pod -> pod.container("web", "nginx")
                                .withContainer(c -> c.getVolumeMounts().add(new VolumeMountBuilder().withName("data").withMountPath("/data").build())),
                        "spec.containers[0].volumeMounts[0].name: Not found: \"data\""),
                invalid("request above limit", pod -> pod.container("web", "nginx").withContainer(c -> {
                    ResourceRequirements resources = new ResourceRequirements();
                    resources.setLimits(Map.of("cpu", new Quantity("1")));
                    resources.setRequests(Map.of("cpu", new Quantity("2")));
                    c.setResources(resources);
                }), "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"),
                invalid("toleration seconds without NoExecute", pod -> pod.container("web", "nginx").spec(spec ->
                                spec.setTolerations(List.of(new Toleration("NoSchedule", "gpu", "Exists", 30L, null)))),
                        "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when "
                                + "`tolerationSeconds` is set"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pods")
    void validatesPodSpecs(String title, Consumer<PodFixture> edit, List<String> expected) {
        PodFixture fixture = pod();
        edit.accept(fixture);
        assertThat(Plugins.admit(Requests.create(fixture.build()))).containsExactlyElementsOf(expected);
    }

    private static Pod created() {
        Pod pod = pod().container("web", "nginx:1.26").port(80).build();
        Plugins.defaulted(Requests.create(pod));
        return pod;
    }

    private static Pod copy(Pod pod) {
        return ModelTrees.copy(pod);
    }

    @Test
    void updatesMayChangeImagesAndAddTolerations() {
        Pod old = created();
        Pod updated = copy(old);
        updated.getSpec().getContainers().get(0).setImage("nginx:1.27");
        List<Toleration> tolerations = new ArrayList<>(updated.getSpec().getTolerations());
        tolerations.add(new Toleration("NoSchedule", "dedicated", "Equal", null, "web"));
        updated.getSpec().setTolerations(tolerations);

        assertThat(Plugins.admit(Requests.update(updated, old))).isEmpty();
    }

    @Test
    void updatesMayNotChangeOtherSpecFields() {
        Pod old = created();
        Pod updated = copy(old);
        updated.getSpec().getContainers().get(0).getPorts().get(0).setContainerPort(8080);

        assertThat(Plugins.admit(Requests.update(updated, old))).singleElement().asString()
                .startsWith("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,")
                .contains("spec.containers[0].ports[0].containerPort");
    }

    @Test
    void updatesMayNotRemoveTolerations() {
        Pod old = created();
        Pod updated = copy(old);
        updated.getSpec().setTolerations(List.of(new Toleration("NoExecute", "node.kubernetes.io/not-ready", "Exists", 300L, null)));

        assertThat(Plugins.errors(Requests.update(updated, old)))
                .contains("spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
    }

    @Test
    void deadlinesMayOnlyShrink() {
        Pod old = created();
        old.getSpec().setActiveDeadlineSeconds(60L);
        Pod updated = copy(old);
        updated.getSpec().setActiveDeadlineSeconds(120L);

        assertThat(Plugins.admit(Requests.update(updated, old)))
                .containsExactly("spec.activeDeadlineSeconds: Invalid value: 120: must be less than or equal to previous value");
    }

    @Test
    void statusAndBindingWritesAreNotHeldToSpecRules() {
        Pod old = created();
        Pod bound = copy(old);
        bound.getSpec().setNodeName("node-1");
        Pod reported = copy(old);
        reported.getStatus().setPhase("Running");

        assertThat(Plugins.admit(Requests.subresource("binding", bound, old))).isEmpty();
        assertThat(Plugins.admit(Requests.subresource("status", reported, old))).isEmpty();
        assertThat(Plugins.admit(Requests.update(bound, old))).singleElement().asString().startsWith("spec: Forbidden");
    }
}
