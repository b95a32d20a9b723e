package dev.keel.reconciler.endpoints;

import static dev.keel.reconciler.endpoints.TestPods.pod;
import static dev.keel.reconciler.endpoints.TestPods.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodEndpointsTest {

    static Stream<Arguments> targetPorts() {
        Pod web = pod("a").port("http", 8080).port("admin", 9000).build();
        return Stream.of(
                Arguments.of("number as given", port("p", 80, 8081), web, Optional.of(8081)),
                Arguments.of("no target port: the service port", port("p", 80, null), web, Optional.of(80)),
                Arguments.of("name resolved from the container", port("p", 80, "http"), web, Optional.of(8080)),
                Arguments.of("second named port", port("p", 80, "admin"), web, Optional.of(9000)),
                Arguments.of("unknown name: no port on this pod", port("p", 80, "grpc"), web, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targetPorts")
    void resolvesTargetPortsPerPod(String description, ServicePort servicePort, Pod pod, Optional<Integer> expected) {
        assertThat(PodEndpoints.targetPort(servicePort, pod)).isEqualTo(expected);
    }

    @Test
    void namedPortMustMatchProtocol() {
        ServicePort udp = port("dns", 53, "http");
        udp.setProtocol("UDP");
        assertThat(PodEndpoints.targetPort(udp, pod("a").port("http", 8080).build())).isEmpty();
    }

    @Test
    void podWithoutIpIsNotAnEndpoint() {
        assertThat(PodEndpoints.included(pod("a").ready().build(), true)).isFalse();
    }

    @Test
    void terminatingPodCountsOnlyWhenTerminatingPodsAreWanted() {
        Pod pod = pod("a").ip("10.0.0.1").ready().terminating().build();
        assertThat(PodEndpoints.included(pod, false)).isFalse();
        assertThat(PodEndpoints.included(pod, true)).isTrue();
    }

    @Test
    void finishedPodThatNeverRestartsIsNotAnEndpoint() {
        Pod pod = pod("a").ip("10.0.0.1").build();
        pod.getSpec().setRestartPolicy("Never");
        pod.getStatus().setPhase("Succeeded");
        assertThat(PodEndpoints.included(pod, true)).isFalse();
    }
}
