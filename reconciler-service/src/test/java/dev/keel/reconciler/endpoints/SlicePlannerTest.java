package dev.keel.reconciler.endpoints;

import static dev.keel.reconciler.endpoints.TestPods.pod;
import static dev.keel.reconciler.endpoints.TestPods.port;
import static dev.keel.reconciler.endpoints.TestPods.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SlicePlannerTest {

    private final Service service = service("web", port("http", 80, "http"));
    private final SlicePlanner planner = new SlicePlanner(2);

    private Map<SliceMeta, List<Endpoint>> desired(List<Pod> pods) {
        return SliceEndpoints.of(service, pods, node -> Optional.of("zone-a"));
    }

    private static List<Pod> readyPods(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> pod("p" + i).ip("10.0.0." + (i + 1)).port("http", 8080).ready().build()).toList();
    }

    /** What the API server would hold after the plan's creates: the same slices, named. */
    private static List<EndpointSlice> stored(List<EndpointSlice> created) {
        List<EndpointSlice> stored = new ArrayList<>();
        for (int i = 0; i < created.size(); i++) {
            stored.add(new EndpointSliceBuilder(created.get(i)).editMetadata().withName("web-" + i).endMetadata().build());
        }
        return stored;
    }

    @Test
    void splitsEndpointsIntoSlicesOfAtMostTheLimit() {
        SlicePlan plan = planner.plan(service, List.of(), desired(readyPods(5)));

        assertThat(plan.create()).hasSize(3);
        assertThat(plan.create()).allSatisfy(slice -> assertThat(slice.getEndpoints().size()).isLessThanOrEqualTo(2));
        assertThat(plan.create()).flatExtracting(EndpointSlice::getEndpoints).hasSize(5);
    }

    @Test
    void newSlicesCarryTheServiceLabelsAndOwner() {
        EndpointSlice slice = planner.plan(service, List.of(), desired(readyPods(1))).create().get(0);

        assertThat(slice.getMetadata().getLabels())
                .containsEntry("kubernetes.io/service-name", "web")
                .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
        assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getUid()).isEqualTo("uid-svc-web");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(slice.getAddressType()).isEqualTo("IPv4");
        assertThat(slice.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
        Endpoint endpoint = slice.getEndpoints().get(0);
        assertThat(endpoint.getTargetRef().getName()).isEqualTo("p0");
        assertThat(endpoint.getNodeName()).isEqualTo("node-1");
        assertThat(endpoint.getZone()).isEqualTo("zone-a");
    }

    @Test
    void matchingSlicesNeedNoWrites() {
        List<EndpointSlice> existing = stored(planner.plan(service, List.of(), desired(readyPods(3))).create());

        assertThat(planner.plan(service, existing, desired(readyPods(3))).isEmpty()).isTrue();
    }

    @Test
    void aRemovedPodRewritesOnlyTheSliceThatHeldIt() {
        List<EndpointSlice> existing = stored(planner.plan(service, List.of(), desired(readyPods(4))).create());

        SlicePlan plan = planner.plan(service, existing, desired(readyPods(4).subList(0, 3)));

        assertThat(plan.create()).isEmpty();
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.update()).singleElement().satisfies(slice -> assertThat(slice.getEndpoints()).hasSize(1));
    }

    @Test
    void anEmptiedSliceIsDeleted() {
        List<EndpointSlice> existing = stored(planner.plan(service, List.of(), desired(readyPods(3))).create());

        SlicePlan plan = planner.plan(service, existing, desired(readyPods(2)));

        assertThat(plan.delete()).extracting(slice -> slice.getMetadata().getName()).containsExactly("web-1");
        assertThat(plan.update()).isEmpty();
    }

    @Test
    void aNewPodFillsTheSliceWithRoom() {
        List<EndpointSlice> existing = stored(planner.plan(service, List.of(), desired(readyPods(3))).create());

        SlicePlan plan = planner.plan(service, existing, desired(readyPods(4)));

        assertThat(plan.create()).isEmpty();
        assertThat(plan.update()).singleElement().satisfies(slice -> assertThat(slice.getEndpoints()).hasSize(2));
    }

    @Test
    void aPodTurningUnreadyRewritesItsEndpointConditions() {
        List<EndpointSlice> existing = stored(planner.plan(service, List.of(), desired(readyPods(1))).create());
        Pod unready = pod("p0").ip("10.0.0.1").port("http", 8080).build();

        SlicePlan plan = planner.plan(service, existing, desired(List.of(unready)));

        assertThat(plan.update()).singleElement().satisfies(slice -> {
            assertThat(slice.getEndpoints().get(0).getConditions().getReady()).isFalse();
            assertThat(slice.getEndpoints().get(0).getConditions().getServing()).isFalse();
        });
    }

    @Test
    void aTerminatingPodStaysAsServingButNotReady() {
        Pod terminating = pod("p0").ip("10.0.0.1").port("http", 8080).ready().terminating().build();

        Endpoint endpoint = planner.plan(service, List.of(), desired(List.of(terminating))).create().get(0).getEndpoints().get(0);

        assertThat(endpoint.getConditions().getReady()).isFalse();
        assertThat(endpoint.getConditions().getServing()).isTrue();
        assertThat(endpoint.getConditions().getTerminating()).isTrue();
    }

    @Test
    void aServiceWithoutEndpointsKeepsOnePlaceholderSlice() {
        SlicePlan first = planner.plan(service, List.of(), desired(List.of()));
        assertThat(first.create()).singleElement().satisfies(slice -> {
            assertThat(slice.getEndpoints()).isEmpty();
            assertThat(slice.getPorts()).isEmpty();
        });

        assertThat(planner.plan(service, stored(first.create()), desired(List.of())).isEmpty()).isTrue();
    }

    @Test
    void podsArrivingReplaceThePlaceholder() {
        List<EndpointSlice> placeholder = stored(planner.plan(service, List.of(), desired(List.of())).create());

        SlicePlan plan = planner.plan(service, placeholder, desired(readyPods(1)));

        assertThat(plan.create()).hasSize(1);
        assertThat(plan.delete()).extracting(slice -> slice.getMetadata().getName()).containsExactly("web-0");
    }

    @Test
    void slicesOfPortsNoLongerServedAreReplaced() {
        List<EndpointSlice> existing = stored(planner.plan(service, List.of(), desired(readyPods(1))).create());
        Pod moved = pod("p0").ip("10.0.0.1").port("http", 9090).ready().build();

        SlicePlan plan = planner.plan(service, existing, desired(List.of(moved)));

        assertThat(plan.create()).singleElement()
                .satisfies(slice -> assertThat(slice.getPorts().get(0).getPort()).isEqualTo(9090));
        assertThat(plan.delete()).hasSize(1);
    }
}
