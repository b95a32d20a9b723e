package dev.keel.reconciler.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.PlatformApiServer;
import dev.keel.reconciler.testing.SimulatedKubelet;
import dev.keel.reconciler.testing.Workloads;
import dev.keel.runtime.client.KubernetesClients;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the reconciler in the middle of a rolling update of 20 replicas: after a restart the rollout completes,
 * and every pod event of the whole run shows the pod count within replicas + maxSurge and the ready count at least
 * replicas - maxUnavailable.
 */
class RollingUpdateChaosIT {

    private static final int REPLICAS = 20;
    private static final int MAX_SURGE = 3;
    private static final int MAX_UNAVAILABLE = 2;

    @Test
    void aKilledReconcilerResumesTheRolloutWithinItsBounds() throws Exception {
        PlatformApiServer api = PlatformApiServer.shared();
        Path log = Files.createTempFile("reconciler-chaos-", ".log");
        try (KubernetesClient client = KubernetesClients.fromKubeconfig(api.kubeconfig())) {
            String namespace = "chaos-" + Long.toHexString(System.nanoTime());
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
            Kubectl kubectl = new Kubectl("1.33", api.kubeconfig()).withTimeout(Duration.ofMinutes(5));
            try (SimulatedKubelet kubelet = new SimulatedKubelet(client, namespace, "node-" + namespace,
                    Duration.ofMillis(400), Duration.ofMillis(300))) {
                ReconcilerProcess reconciler = ReconcilerProcess.start(api.kubeconfig(), log);
                try {
                    client.apps().deployments().inNamespace(namespace).resource(deployment()).create();
                    Kubectl.Result first = kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=240s");
                    assertThat(first.exitCode()).as(first.all() + reconciler.log()).isZero();

                    // Start from a list and watch from its revision, so the counts begin at the true state.
                    PodList start = client.pods().inNamespace(namespace).list();
                    PodCounter counter = new PodCounter(start.getItems());
                    try (Watch ignored = client.pods().inNamespace(namespace).watch(new ListOptionsBuilder()
                            .withResourceVersion(start.getMetadata().getResourceVersion()).build(), counter)) {
                        kubectl.run("set", "image", "deployment/web", "main=localhost:5000/busybox:1.36", "-n", namespace);
                        await().atMost(Duration.ofSeconds(60)).until(() -> updatedPods(client, namespace) >= 6);
                        reconciler.kill();
                        Thread.sleep(1_000);
                        reconciler = ReconcilerProcess.start(api.kubeconfig(), log);

                        Kubectl.Result done = kubectl.run("rollout", "status", "deployment/web", "-n", namespace, "--timeout=240s");
                        assertThat(done.exitCode()).as(done.all() + reconciler.log()).isZero();
                        assertThat(updatedPods(client, namespace)).isEqualTo(REPLICAS);
                    }
                    assertThat(counter.events.get()).as("pod events seen").isGreaterThan(40);
                    assertThat(counter.maxPods.get()).as("pods at any moment").isLessThanOrEqualTo(REPLICAS + MAX_SURGE);
                    assertThat(counter.minReady.get()).as("ready pods at any moment").isGreaterThanOrEqualTo(REPLICAS - MAX_UNAVAILABLE);
                } finally {
                    reconciler.close();
                }
            }
        }
    }

    private static Deployment deployment() {
        Deployment deployment = Workloads.deployment("web", REPLICAS, Map.of("app", "web"));
        deployment.getSpec().setStrategy(new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(MAX_SURGE)).withMaxUnavailable(new IntOrString(MAX_UNAVAILABLE))
                .endRollingUpdate().build());
        return deployment;
    }

    private static long updatedPods(KubernetesClient client, String namespace) {
        return client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(pod -> pod.getSpec().getContainers().get(0).getImage().endsWith("1.36"))
                .filter(PodCounter::isReady)
                .count();
    }

    /** Replays every pod event into the set of live pods and records the extremes. */
    private static final class PodCounter implements Watcher<Pod> {

        private final Map<String, Pod> live = new ConcurrentHashMap<>();
        private final AtomicInteger events = new AtomicInteger();
        private final AtomicInteger maxPods = new AtomicInteger();
        private final AtomicInteger minReady = new AtomicInteger(Integer.MAX_VALUE);

        PodCounter(List<Pod> initial) {
            initial.stream().filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                    .forEach(pod -> live.put(pod.getMetadata().getUid(), pod));
            maxPods.set(live.size());
            minReady.set((int) live.values().stream().filter(PodCounter::isReady).count());
        }

        @Override
        public synchronized void eventReceived(Action action, Pod pod) {
            events.incrementAndGet();
            String uid = pod.getMetadata().getUid();
            if (action == Action.DELETED || pod.getMetadata().getDeletionTimestamp() != null) {
                live.remove(uid);
            } else {
                live.put(uid, pod);
            }
            maxPods.accumulateAndGet(live.size(), Math::max);
            int ready = (int) live.values().stream().filter(PodCounter::isReady).count();
            minReady.accumulateAndGet(ready, Math::min);
        }

        @Override
        public void onClose(WatcherException cause) {
        }

        static boolean isReady(Pod pod) {
            return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                    .stream().anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
        }
    }
}
