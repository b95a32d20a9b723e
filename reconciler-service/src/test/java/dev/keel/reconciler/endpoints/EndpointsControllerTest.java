package dev.keel.reconciler.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.KubeletNamespace;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Endpoints and EndpointSlice controllers against platform-api, with a simulated kubelet running the pods. */
class EndpointsControllerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String HOLD = "example.com/hold";

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();

    @RegisterExtension
    final KubeletNamespace fixture = new KubeletNamespace("endpoints", Duration.ofMillis(100), Duration.ofMillis(300));

    private void createPod(String name, int httpPort, String... finalizers) {
        client.pods().inNamespace(fixture.name()).resource(new PodBuilder()
                .withNewMetadata().withName(name).withLabels(Map.of("app", "web")).withFinalizers(finalizers).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("localhost:5000/busybox:1.35")
                    .addNewPort().withName("http").withContainerPort(httpPort).endPort().endContainer()
                .endSpec().build()).create();
    }

    private void createService(String name) {
        client.services().inNamespace(fixture.name()).resource(new ServiceBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web"))
                    .addNewPort().withName("http").withPort(80).withNewTargetPort("http").endPort()
                    .addNewPort().withName("metrics").withPort(9100).withNewTargetPort(9100).endPort()
                .endSpec().build()).create();
    }

    private Endpoints endpoints(String name) {
        return client.endpoints().inNamespace(fixture.name()).withName(name).get();
    }

    private static Stream<EndpointAddress> ready(Endpoints endpoints) {
        return subsets(endpoints).flatMap(subset -> Optional.ofNullable(subset.getAddresses()).orElse(List.of()).stream());
    }

    private static Stream<EndpointAddress> notReady(Endpoints endpoints) {
        return subsets(endpoints).flatMap(subset -> Optional.ofNullable(subset.getNotReadyAddresses()).orElse(List.of()).stream());
    }

    private static Stream<EndpointSubset> subsets(Endpoints endpoints) {
        return endpoints == null || endpoints.getSubsets() == null ? Stream.empty() : endpoints.getSubsets().stream();
    }

    private static List<String> names(Stream<EndpointAddress> addresses) {
        return addresses.map(address -> address.getTargetRef().getName()).sorted().toList();
    }

    private List<EndpointSlice> slices(String service) {
        return client.discovery().v1().endpointSlices().inNamespace(fixture.name())
                .withLabel("kubernetes.io/service-name", service).list().getItems();
    }

    private Optional<Endpoint> sliceEndpoint(String service, String pod) {
        return slices(service).stream().flatMap(slice -> Optional.ofNullable(slice.getEndpoints()).orElse(List.of()).stream())
                .filter(endpoint -> pod.equals(endpoint.getTargetRef().getName())).findFirst();
    }

    @Test
    void endpointsFollowPodsTurningReadyUnreadyAndDeleted() {
        createService("web");
        createPod("web-a", 8080);
        createPod("web-b", 8080);

        await().atMost(TIMEOUT).until(() -> names(ready(endpoints("web"))).equals(List.of("web-a", "web-b")));
        Endpoints both = endpoints("web");
        assertThat(both.getMetadata().getLabels()).containsEntry("endpointslice.kubernetes.io/skip-mirror", "true");
        assertThat(ready(both)).allSatisfy(address -> {
            assertThat(address.getIp()).isNotBlank();
            assertThat(address.getNodeName()).isEqualTo(fixture.kubelet().nodeName());
        });

        fixture.kubelet().setReady("web-a", false);
        await().atMost(TIMEOUT).until(() -> names(notReady(endpoints("web"))).equals(List.of("web-a"))
                && names(ready(endpoints("web"))).equals(List.of("web-b")));
        await().atMost(TIMEOUT).until(() -> sliceEndpoint("web", "web-a")
                .map(endpoint -> !endpoint.getConditions().getReady()).orElse(false));

        fixture.kubelet().setReady("web-a", true);
        await().atMost(TIMEOUT).until(() -> names(ready(endpoints("web"))).equals(List.of("web-a", "web-b")));

        client.pods().inNamespace(fixture.name()).withName("web-b").delete();
        await().atMost(TIMEOUT).until(() -> names(ready(endpoints("web"))).equals(List.of("web-a"))
                && notReady(endpoints("web")).findAny().isEmpty());
        await().atMost(TIMEOUT).until(() -> sliceEndpoint("web", "web-b").isEmpty());
    }

    @Test
    void aTerminatingPodLeavesTheEndpointsButStaysInItsSliceAsServingAndTerminating() {
        createService("web");
        createPod("web-a", 8080);
        createPod("web-b", 8080, HOLD);
        await().atMost(TIMEOUT).until(() -> names(ready(endpoints("web"))).equals(List.of("web-a", "web-b")));

        client.pods().inNamespace(fixture.name()).withName("web-b").delete();

        await().atMost(TIMEOUT).until(() -> names(ready(endpoints("web"))).equals(List.of("web-a"))
                && sliceEndpoint("web", "web-b").map(endpoint -> endpoint.getConditions().getTerminating()).orElse(false));
        assertThat(notReady(endpoints("web"))).isEmpty();
        assertThat(sliceEndpoint("web", "web-b").orElseThrow().getConditions()).satisfies(conditions -> {
            assertThat(conditions.getReady()).isFalse();
            assertThat(conditions.getServing()).isTrue();
        });

        client.pods().inNamespace(fixture.name()).withName("web-b")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
        // As a fixture.kubelet() does until the pod is gone: its containers have stopped.
        client.pods().inNamespace(fixture.name()).withName("web-b").withGracePeriod(0).delete();
        await().atMost(TIMEOUT).until(() -> sliceEndpoint("web", "web-b").isEmpty());
    }

    @Test
    void namedTargetPortsResolvePerPod() {
        createService("web");
        createPod("web-a", 8080);
        createPod("web-b", 8081);

        await().atMost(TIMEOUT).until(() -> names(ready(endpoints("web"))).size() == 2);
        List<EndpointSubset> subsets = endpoints("web").getSubsets();
        assertThat(subsets).hasSize(2);
        assertThat(subsets).allSatisfy(subset -> assertThat(subset.getPorts())
                .anySatisfy(port -> assertThat(port.getPort()).isEqualTo(9100)));
        assertThat(subsets).extracting(subset -> subset.getPorts().stream()
                .filter(port -> "http".equals(port.getName())).findFirst().orElseThrow().getPort())
                .containsExactlyInAnyOrder(8080, 8081);

        await().atMost(TIMEOUT).until(() -> slices("web").size() == 2);
        assertThat(slices("web")).allSatisfy(slice -> {
            assertThat(slice.getMetadata().getLabels())
                    .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
            assertThat(slice.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("Service"));
            assertThat(slice.getEndpoints()).hasSize(1);
        });
    }

    @Test
    void deletingTheServiceRemovesItsEndpointsAndSlices() {
        createService("web");
        createPod("web-a", 8080);
        await().atMost(TIMEOUT).until(() -> names(ready(endpoints("web"))).size() == 1 && !slices("web").isEmpty());

        client.services().inNamespace(fixture.name()).withName("web").delete();

        await().atMost(TIMEOUT).until(() -> endpoints("web") == null && slices("web").isEmpty());
    }

    @Test
    void servicesWithoutSelectorAreLeftAlone() {
        client.services().inNamespace(fixture.name()).resource(new ServiceBuilder()
                .withNewMetadata().withName("external").endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();
        client.endpoints().inNamespace(fixture.name()).resource(new EndpointsBuilder()
                .withNewMetadata().withName("external").endMetadata()
                .addNewSubset().addNewAddress().withIp("127.0.0.9").endAddress().addNewPort().withPort(80).endPort().endSubset()
                .build()).create();
        // A Service with a selector in the same fixture.name() shows the controllers have been over it.
        createService("web");
        createPod("web-a", 8080);
        await().atMost(TIMEOUT).until(() -> names(ready(endpoints("web"))).size() == 1 && !slices("web").isEmpty());

        assertThat(endpoints("external").getSubsets()).singleElement()
                .satisfies(subset -> assertThat(subset.getAddresses().get(0).getIp()).isEqualTo("127.0.0.9"));
        assertThat(slices("external")).isEmpty();
    }

    @Test
    void aServiceWithoutPodsHasEmptyEndpointsAndAPlaceholderSlice() {
        createService("lonely");

        await().atMost(TIMEOUT).until(() -> endpoints("lonely") != null && slices("lonely").size() == 1);
        assertThat(subsets(endpoints("lonely"))).isEmpty();
        assertThat(slices("lonely").get(0).getEndpoints()).isNullOrEmpty();
        Service service = client.services().inNamespace(fixture.name()).withName("lonely").get();
        assertThat(slices("lonely").get(0).getMetadata().getOwnerReferences())
                .anySatisfy(owner -> assertThat(owner.getUid()).isEqualTo(service.getMetadata().getUid()));
    }
}
