package dev.keel.scheduler.plugins.podtopologyspread;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.Snapshot;
import dev.keel.scheduler.framework.Status;
import dev.keel.scheduler.framework.WorkloadLister;
import dev.keel.scheduler.testing.NodeMaker;
import dev.keel.scheduler.testing.PodMaker;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kube-scheduler's system default spreading: a pod without constraints of its own is spread over hostnames (skew 3)
 * and zones (skew 5) among the pods of its Services and its ReplicaSet or StatefulSet.
 */
class DefaultSpreadingTest {

    private static final String ZONE = "topology.kubernetes.io/zone";

    /** ReplicaSet "web" and StatefulSet "db" in namespace default; Service "front" selects app=front. */
    private static final WorkloadLister WORKLOADS = new WorkloadLister() {
        @Override
        public List<Service> services(String namespace) {
            Map<String, String> nullValue = new HashMap<>();
            nullValue.put("app", null);
            return "default".equals(namespace) ? List.of(
                    new ServiceBuilder().withNewMetadata().withName("front").endMetadata()
                            .withNewSpec().withSelector(Map.of("app", "front")).endSpec().build(),
                    new ServiceBuilder().withNewMetadata().withName("broken").endMetadata()
                            .withNewSpec().withSelector(nullValue).endSpec().build()) : List.of();
        }

        @Override
        public Optional<ReplicaSet> replicaSet(String namespace, String name) {
            return "web".equals(name) ? Optional.of(new ReplicaSetBuilder().withNewMetadata().withName("web").endMetadata()
                    .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec().build())
                    : Optional.empty();
        }

        @Override
        public Optional<StatefulSet> statefulSet(String namespace, String name) {
            return "db".equals(name) ? Optional.of(new StatefulSetBuilder().withNewMetadata().withName("db").endMetadata()
                    .withNewSpec().withNewSelector().addNewMatchExpression().withKey("app").withOperator("In")
                    .withValues("db").endMatchExpression().endSelector().endSpec().build()) : Optional.empty();
        }
    };

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a ReplicaSet's pod goes where fewer of its siblings are",
                        pod("p").label("app", "web").ownedBy("ReplicaSet", "web"),
                        List.of(node("a").with(web("w1")).with(web("w2")), node("b").with(web("w3")), node("c")),
                        Map.of("a", 40L, "b", 60L, "c", 100L)),
                Arguments.of("a StatefulSet's selector with expressions counts its pods",
                        pod("p").label("app", "db").ownedBy("StatefulSet", "db"),
                        List.of(node("a").with(pod("d1").label("app", "db").build()), node("b").with(web("w1"))),
                        Map.of("a", 66L, "b", 100L)),
                Arguments.of("a Service's selector counts the pods it selects",
                        pod("p").label("app", "front"),
                        List.of(node("a").with(pod("f1").label("app", "front").build()), node("b")),
                        Map.of("a", 66L, "b", 100L)),
                Arguments.of("pods of another namespace do not count",
                        pod("p").label("app", "web").ownedBy("ReplicaSet", "web"),
                        List.of(node("a").with(pod("other").namespace("elsewhere").label("app", "web").build()), node("b")),
                        Map.of("a", 100L, "b", 100L)),
                Arguments.of("a node without a zone label is still spread over by hostname",
                        pod("p").label("app", "web").ownedBy("ReplicaSet", "web"),
                        List.of(node("a").label(ZONE, "z1").with(web("w1")), node("b")),
                        Map.of("a", 25L, "b", 100L)),
                Arguments.of("large counts differ gently, as kube-scheduler normalizes",
                        pod("p").label("app", "web").ownedBy("ReplicaSet", "web"),
                        List.of(withWeb(node("a"), 10), withWeb(node("b"), 9)),
                        Map.of("a", 87L, "b", 100L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scores(String name, PodMaker pod, List<NodeMaker> nodes, Map<String, Long> expected) {
        Snapshot snapshot = new Snapshot(nodes.stream().map(NodeMaker::info).toList());

        assertThat(normalizedScores(pod.info(), snapshot)).isEqualTo(expected);
    }

    static Stream<Arguments> notSpread() {
        return Stream.of(
                Arguments.of("a pod of no workload", pod("p").label("app", "lonely")),
                Arguments.of("a pod whose ReplicaSet is not cached", pod("p").label("app", "web").ownedBy("ReplicaSet", "gone")),
                Arguments.of("a pod with constraints of its own, all hard",
                        pod("p").label("app", "web").ownedBy("ReplicaSet", "web").spread(1, ZONE, "DoNotSchedule", "app", "web")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notSpread")
    void skips(String name, PodMaker pod) {
        Snapshot snapshot = new Snapshot(List.of(node("a").info(), node("b").info()));

        assertThat(new PodTopologySpread(WORKLOADS).preScore(new CycleState(), pod.info(), snapshot.nodes(), snapshot).isSkip())
                .isTrue();
    }

    @Test
    void withoutWorkloadsNothingIsSpreadByDefault() {
        Snapshot snapshot = new Snapshot(List.of(node("a").info(), node("b").info()));
        PodInfo pod = pod("p").label("app", "web").ownedBy("ReplicaSet", "web").info();

        assertThat(new PodTopologySpread().preScore(new CycleState(), pod, snapshot.nodes(), snapshot).isSkip()).isTrue();
    }

    private static Map<String, Long> normalizedScores(PodInfo pod, Snapshot snapshot) {
        PodTopologySpread plugin = new PodTopologySpread(WORKLOADS);
        CycleState state = new CycleState();
        Status pre = plugin.preScore(state, pod, snapshot.nodes(), snapshot);
        assertThat(pre.isSuccess()).as(pre.toString()).isTrue();
        long[] scores = snapshot.nodes().stream().mapToLong(node -> plugin.score(state, pod, node)).toArray();
        plugin.normalize(state, pod, snapshot.nodes(), scores);
        Map<String, Long> byNode = new HashMap<>();
        for (int i = 0; i < scores.length; i++) {
            byNode.put(snapshot.nodes().get(i).name(), scores[i]);
        }
        return byNode;
    }

    private static io.fabric8.kubernetes.api.model.Pod web(String name) {
        return pod(name).label("app", "web").build();
    }

    private static NodeMaker withWeb(NodeMaker node, int count) {
        String name = node.build().getMetadata().getName();
        for (int i = 0; i < count; i++) {
            node.with(web(name + "-w" + i));
        }
        return node;
    }
}
