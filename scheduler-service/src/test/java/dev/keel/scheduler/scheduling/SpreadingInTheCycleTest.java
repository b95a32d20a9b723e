package dev.keel.scheduler.scheduling;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.Framework;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import dev.keel.scheduler.framework.WorkloadLister;
import dev.keel.scheduler.profile.DefaultPlugins;
import dev.keel.scheduler.profile.Profiles;
import dev.keel.scheduler.testing.NodeMaker;
import dev.keel.scheduler.testing.PodMaker;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Topology spreading scores in a whole cycle of the default profile, not only when its plugin is called alone: a pod
 * without hard constraints has nothing to filter by spreading (its pre-filter skips), yet its soft constraints, its
 * own or the system defaults, still score (weight 2) and outweigh the resource scores, as in kube-scheduler.
 * Each case runs with several tie-breaking seeds, so a node chosen only by a coin flip shows.
 */
class SpreadingInTheCycleTest {

    /** Knows the ReplicaSet "web" (app=web) of every namespace. */
    private static final WorkloadLister WORKLOADS = new WorkloadLister() {
        @Override
        public List<Service> services(String namespace) {
            return List.of();
        }

        @Override
        public Optional<ReplicaSet> replicaSet(String namespace, String name) {
            return "web".equals(name) ? Optional.of(new ReplicaSetBuilder().withNewMetadata().withName("web").endMetadata()
                    .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec().build())
                    : Optional.empty();
        }

        @Override
        public Optional<StatefulSet> statefulSet(String namespace, String name) {
            return Optional.empty();
        }
    };

    private final Framework framework = Profiles.build(List.of(Profiles.Spec.defaults("default-scheduler")),
            DefaultPlugins.registry((pod, node) -> Status.success(), (victim, preemptor, node) -> {
            }, WORKLOADS)).get("default-scheduler");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a replica goes to the node with fewer siblings where the default requests fill both cpus",
                        replica(),
                        List.of(equalNode("a", 21, 0), equalNode("b", 20, 0)),
                        "b"),
                Arguments.of("a replica goes to the node with fewer siblings although the other has more room",
                        replica(),
                        List.of(equalNode("a", 10, 10), equalNode("b", 15, 0)),
                        "a"),
                Arguments.of("a pod's own ScheduleAnyway constraint outweighs the room on the other node",
                        pod("p").label("app", "web").spread(1, "kubernetes.io/hostname", "ScheduleAnyway", "app", "web"),
                        List.of(equalNode("a", 0, 10), equalNode("b", 3, 0)),
                        "a"),
                Arguments.of("a pod of no workload goes where the resources say",
                        pod("p").label("app", "web"),
                        List.of(equalNode("a", 10, 10), equalNode("b", 15, 0)),
                        "b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void choosesTheNodeSpreadingPrefers(String name, PodMaker pod, List<NodeMaker> nodes, String expected) {
        Snapshot snapshot = new Snapshot(nodes.stream().map(NodeMaker::info).toList());

        Set<String> chosen = new TreeSet<>();
        for (long seed = 0; seed < 16; seed++) {
            ScheduleAlgorithm algorithm = new ScheduleAlgorithm(RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
            chosen.add(algorithm.schedule(framework, new CycleState(), pod.info(), snapshot).node());
        }

        assertThat(chosen).as("nodes chosen over 16 tie-breaking seeds").containsExactly(expected);
    }

    private static PodMaker replica() {
        return pod("p").label("app", "web").ownedBy("ReplicaSet", "web");
    }

    /** A node as in SpreadingIntegrationTest (2 cpus, 8Gi) with replicas of "web" and other pods, none requesting. */
    private static NodeMaker equalNode(String name, int replicas, int others) {
        NodeMaker node = node(name).allocatable("cpu", "2", "memory", "8Gi", "pods", "110");
        for (int i = 0; i < replicas; i++) {
            node.with(pod(name + "-web-" + i).label("app", "web").ownedBy("ReplicaSet", "web").build());
        }
        for (int i = 0; i < others; i++) {
            node.with(pod(name + "-other-" + i).label("app", "other").build());
        }
        return node;
    }
}
