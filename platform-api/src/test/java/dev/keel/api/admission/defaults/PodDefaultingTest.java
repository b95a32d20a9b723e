package dev.keel.api.admission.defaults;

import static dev.keel.api.admission.Fixtures.pod;
import static dev.keel.api.admission.Json.assertAt;
import static dev.keel.api.admission.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import dev.keel.api.status.ApiException;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodDefaultingTest {

    /** A pod that leaves everything to defaulting, with a probe, limits, an env fieldRef and three volumes. */
    private static Pod sparsePod() {
        Probe liveness = new Probe();
        HTTPGetAction httpGet = new HTTPGetAction();
        httpGet.setPort(new IntOrString(8080));
        liveness.setHttpGet(httpGet);
        ResourceRequirements resources = new ResourceRequirements();
        resources.setLimits(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("128Mi")));
        EnvVarSource fromField = new EnvVarSource();
        ObjectFieldSelector selector = new ObjectFieldSelector();
        selector.setFieldPath("metadata.name");
        fromField.setFieldRef(selector);
        return pod().container("web", "nginx").port(80)
                .withContainer(c -> {
                    c.setLivenessProbe(liveness);
                    c.setResources(resources);
                    c.getEnv().add(new EnvVar("POD_NAME", null, fromField));
                })
                .container("sidecar", "registry.local:5000/tools/busybox:1.36")
                .spec(spec -> {
                    Volume config = new Volume();
                    config.setName("config");
                    config.setConfigMap(new ConfigMapVolumeSource());
                    config.getConfigMap().setName("web-config");
                    Volume secret = new Volume();
                    secret.setName("tls");
                    secret.setSecret(new SecretVolumeSource());
                    secret.getSecret().setSecretName("web-tls");
                    Volume scratch = new Volume();
                    scratch.setName("scratch");
                    spec.getVolumes().addAll(List.of(config, secret, scratch));
                })
                .build();
    }

    static Stream<Arguments> podDefaults() {
        return Stream.of(
                arguments("/spec/restartPolicy", "Always"),
                arguments("/spec/dnsPolicy", "ClusterFirst"),
                arguments("/spec/schedulerName", "default-scheduler"),
                arguments("/spec/terminationGracePeriodSeconds", 30),
                arguments("/spec/securityContext", json("{}")),
                arguments("/spec/enableServiceLinks", true),
                arguments("/spec/priority", 0),
                arguments("/spec/preemptionPolicy", "PreemptLowerPriority"),
                arguments("/spec/serviceAccountName", "default"),
                arguments("/spec/serviceAccount", "default"),
                arguments("/spec/containers/0/imagePullPolicy", "Always"),
                arguments("/spec/containers/1/imagePullPolicy", "IfNotPresent"),
                arguments("/spec/containers/0/terminationMessagePath", "/dev/termination-log"),
                arguments("/spec/containers/0/terminationMessagePolicy", "File"),
                arguments("/spec/containers/1/resources", json("{}")),
                arguments("/spec/containers/0/ports/0/protocol", "TCP"),
                arguments("/spec/containers/0/livenessProbe/timeoutSeconds", 1),
                arguments("/spec/containers/0/livenessProbe/periodSeconds", 10),
                arguments("/spec/containers/0/livenessProbe/successThreshold", 1),
                arguments("/spec/containers/0/livenessProbe/failureThreshold", 3),
                arguments("/spec/containers/0/livenessProbe/httpGet/scheme", "HTTP"),
                arguments("/spec/containers/0/livenessProbe/httpGet/path", "/"),
                arguments("/spec/containers/0/resources/requests", json("{\"cpu\":\"500m\",\"memory\":\"128Mi\"}")),
                arguments("/spec/containers/0/env/0/valueFrom/fieldRef/apiVersion", "v1"),
                arguments("/spec/volumes/0/configMap/defaultMode", 420),
                arguments("/spec/volumes/1/secret/defaultMode", 420),
                arguments("/spec/volumes/2/emptyDir", json("{}")),
                arguments("/status/qosClass", "Burstable"),
                arguments("/spec/tolerations/0", json("{\"effect\":\"NoExecute\",\"key\":\"node.kubernetes.io/not-ready\","
                        + "\"operator\":\"Exists\",\"tolerationSeconds\":300}")),
                arguments("/spec/tolerations/1", json("{\"effect\":\"NoExecute\",\"key\":\"node.kubernetes.io/unreachable\","
                        + "\"operator\":\"Exists\",\"tolerationSeconds\":300}")));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("podDefaults")
    void fillsWhatThePodLeavesOut(String pointer, Object expected) {
        Pod pod = sparsePod();
        Plugins.defaulted(Requests.create(pod));
        assertAt(pod, pointer, expected);
    }

    @Test
    void keepsWhatThePodSays() {
        Pod pod = pod().container("web", "nginx")
                .withContainer(c -> c.setImagePullPolicy("Never"))
                .spec(spec -> {
                    spec.setRestartPolicy("OnFailure");
                    spec.setServiceAccountName("builder");
                    spec.setTerminationGracePeriodSeconds(5L);
                    spec.setEnableServiceLinks(false);
                })
                .build();

        Plugins.defaulted(Requests.create(pod));

        assertAt(pod, "/spec/containers/0/imagePullPolicy", "Never");
        assertAt(pod, "/spec/restartPolicy", "OnFailure");
        assertAt(pod, "/spec/serviceAccountName", "builder");
        assertAt(pod, "/spec/serviceAccount", "builder");
        assertAt(pod, "/spec/terminationGracePeriodSeconds", 5);
        assertAt(pod, "/spec/enableServiceLinks", false);
    }

    @Test
    void hostNetworkPodsExposeContainerPortsOnTheHost() {
        Pod pod = pod().container("dns", "coredns:1.11").port(53).spec(spec -> spec.setHostNetwork(true)).build();

        Plugins.defaulted(Requests.create(pod));

        assertAt(pod, "/spec/containers/0/ports/0/hostPort", 53);
    }

    @Test
    void systemPriorityClassesSetThePriority() {
        Pod pod = pod().container("web", "nginx").spec(spec -> spec.setPriorityClassName("system-node-critical")).build();

        Plugins.defaulted(Requests.create(pod));

        assertAt(pod, "/spec/priority", 2000001000);
    }

    @Test
    void unknownPriorityClassesAreRefused() {
        Pod pod = pod().container("web", "nginx").spec(spec -> spec.setPriorityClassName("gold")).build();

        assertThatThrownBy(() -> Plugins.defaulted(Requests.create(pod)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage()).isEqualTo("pods \"web-1\" is forbidden: no PriorityClass with name gold was found");
                });
    }

    @Test
    void updatesKeepWhatCreationSet() {
        Pod old = pod().container("web", "nginx").build();
        Plugins.defaulted(Requests.create(old));
        Pod replacement = pod().container("web", "nginx").spec(spec -> spec.setServiceAccountName("default")).build();
        replacement.setStatus(null);

        Plugins.defaulted(Requests.update(replacement, old));

        assertAt(replacement, "/spec/priority", 0);
        assertAt(replacement, "/spec/preemptionPolicy", "PreemptLowerPriority");
        assertAt(replacement, "/status/qosClass", "BestEffort");
        assertAt(replacement, "/spec/tolerations/0/key", "node.kubernetes.io/not-ready");
    }
}
