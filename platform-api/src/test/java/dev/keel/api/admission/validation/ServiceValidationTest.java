package dev.keel.api.admission.validation;

import static dev.keel.api.admission.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.api.admission.Fixtures.ServiceFixture;
import dev.keel.api.admission.ModelTrees;
import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceValidationTest {

    private static Arguments row(String title, Supplier<ServiceFixture> fixture, String... errors) {
        return arguments(title, fixture, List.of(errors));
    }

    static Stream<Arguments> services() {
        return Stream.of(
                row("one unnamed port", () -> service("web").port(null, 80)),
                row("two unnamed ports", () -> service("web").port(null, 80).port(null, 443),
                        "spec.ports[0].name: Required value", "spec.ports[1].name: Required value"),
                row("duplicate port names", () -> service("web").port("http", 80).port("http", 8080),
                        "spec.ports[1].name: Duplicate value: \"http\""),
                row("port zero", () -> service("web").port("http", 0),
                        "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                        "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive"),
                row("unsupported protocol", () -> service("web").port("http", 80).spec(s -> s.getPorts().get(0).setProtocol("HTTP")),
                        "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
                row("unknown type", () -> service("web").type("Magic").port("http", 80),
                        "spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""),
                row("no ports", () -> service("web"), "spec.ports: Required value"),
                row("headless without ports", () -> service("web").clusterIp("None").spec(s -> s.getClusterIPs().add("None"))),
                row("node port on a cluster IP service", () -> service("web").nodePort("http", 80, 30080),
                        "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"),
                row("external name without a name", () -> service("web").type("ExternalName"),
                        "spec.externalName: Required value"),
                row("malformed cluster IP", () -> service("web").port("http", 80).clusterIp("10.96.0.300")
                                .spec(s -> s.getClusterIPs().add("10.96.0.300")),
                        "spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
                row("cluster IPs out of step", () -> service("web").port("http", 80).clusterIp("10.96.0.10")
                                .spec(s -> s.getClusterIPs().add("10.96.0.11")),
                        "spec.clusterIPs: Invalid value: []string{\"10.96.0.11\"}: first value must match `clusterIP`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void validatesServices(String title, Supplier<ServiceFixture> fixture, List<String> expected) {
        assertThat(Plugins.admit(Requests.create(fixture.get().build()))).containsExactlyElementsOf(expected);
    }

    @Test
    void clusterIpsMayNotChange() {
        Service old = service("web").port("http", 80).clusterIp("10.96.0.10").spec(s -> s.getClusterIPs().add("10.96.0.10")).build();
        Plugins.defaulted(Requests.create(old));
        Service updated = ModelTrees.copy(old);
        updated.getSpec().setClusterIP("10.96.0.20");
        updated.getSpec().setClusterIPs(List.of("10.96.0.20"));

        assertThat(Plugins.admit(Requests.update(updated, old)))
                .containsExactly("spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.20\"}: may not change once set");
    }

    @Test
    void externalTrafficPolicyOnlyForExternallyReachableServices() {
        Service service = service("web").port("http", 80).spec(s -> s.setExternalTrafficPolicy("Local")).build();

        assertThat(Plugins.admit(Requests.create(service)))
                .containsExactly("spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services");
    }
}
