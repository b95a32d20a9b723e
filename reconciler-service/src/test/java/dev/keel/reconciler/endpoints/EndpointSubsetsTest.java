package dev.keel.reconciler.endpoints;

import static dev.keel.reconciler.endpoints.TestPods.pod;
import static dev.keel.reconciler.endpoints.TestPods.port;
import static dev.keel.reconciler.endpoints.TestPods.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSubsetsTest {

    @Test
    void readyAndNotReadyPodsShareASubsetWhenTheirPortsAgree() {
        Service service = service("web", port("http", 80, "http"));
        List<EndpointSubset> subsets = EndpointSubsets.of(service, List.of(
                pod("b").ip("10.0.0.2").port("http", 8080).build(),
                pod("a").ip("10.0.0.1").port("http", 8080).ready().build()));

        assertThat(subsets).hasSize(1);
        assertThat(subsets.get(0).getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.1");
        assertThat(subsets.get(0).getNotReadyAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.2");
        assertThat(subsets.get(0).getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
        EndpointAddress address = subsets.get(0).getAddresses().get(0);
        assertThat(address.getTargetRef().getName()).isEqualTo("a");
        assertThat(address.getTargetRef().getUid()).isEqualTo("uid-a");
        assertThat(address.getNodeName()).isEqualTo("node-1");
    }

    @Test
    void podsWithDifferentResolvedPortsGetTheirOwnSubsets() {
        Service service = service("web", port("http", 80, "http"));
        List<EndpointSubset> subsets = EndpointSubsets.of(service, List.of(
                pod("a").ip("10.0.0.1").port("http", 8080).ready().build(),
                pod("b").ip("10.0.0.2").port("http", 9090).ready().build()));

        assertThat(subsets).hasSize(2);
        assertThat(subsets).extracting(s -> s.getPorts().get(0).getPort()).containsExactly(8080, 9090);
    }

    @Test
    void podWithoutTheNamedPortIsLeftOut() {
        Service service = service("web", port("http", 80, "http"));
        List<EndpointSubset> subsets = EndpointSubsets.of(service, List.of(
                pod("a").ip("10.0.0.1").port("grpc", 8080).ready().build()));

        assertThat(subsets).isEmpty();
    }

    @Test
    void terminatingPodIsLeftOut() {
        Service service = service("web", port("http", 80, 8080));
        assertThat(EndpointSubsets.of(service, List.of(pod("a").ip("10.0.0.1").ready().terminating().build()))).isEmpty();
    }

    @Test
    void sameInputsGiveEqualSubsetsWhateverThePodOrder() {
        Service service = service("web", port("http", 80, 8080), port("metrics", 9100, 9100));
        var a = pod("a").ip("10.0.0.1").ready().build();
        var b = pod("b").ip("10.0.0.2").build();
        assertThat(EndpointSubsets.of(service, List.of(a, b))).isEqualTo(EndpointSubsets.of(service, List.of(b, a)));
    }
}
