package dev.keel.reconciler.podgc;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Informers;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pod garbage collector (kube-controller-manager's podgc). Its one sweep key is queued by nodes deleted or out of
 * service and by pods it may have to act on, and requeued by itself every check period once it ran.
 */
@Configuration(proxyBeanMethods = false)
public class PodGcConfiguration {

    @Bean
    Controller podGarbageCollectorController(ControllerFactory factory, KubernetesClient client, Clock clock,
            PodGcProperties properties) {
        Informers informers = factory.informers();
        PodGcReconciler reconciler = new PodGcReconciler(client, informers, clock, properties);
        return factory.builder("pod-garbage-collector", reconciler)
                .watch(informers.informer(Node.class), EventSource.mapping(node -> mayFreePods(informers, node)
                        ? List.of(PodGcReconciler.SWEEP) : List.of()))
                .watch(informers.informer(Pod.class), EventSource.mapping(pod -> mayCollect(informers, pod)
                        ? List.of(PodGcReconciler.SWEEP) : List.of()))
                .build();
    }

    /** A node deleted (gone from the cache) or out of service: heartbeats alone must not start a sweep each. */
    private static boolean mayFreePods(Informers informers, Node node) {
        return informers.get(Node.class, null, node.getMetadata().getName()).isEmpty()
                || node.getSpec() != null && node.getSpec().getTaints() != null && node.getSpec().getTaints().stream()
                        .anyMatch(taint -> PodGcPlanner.OUT_OF_SERVICE.equals(taint.getKey()));
    }

    /** A pod terminating, finished, or bound to a node the cache does not hold. */
    private static boolean mayCollect(Informers informers, Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return pod.getMetadata().getDeletionTimestamp() != null || PodGcPlanner.isFinished(pod)
                || node != null && !node.isEmpty() && informers.get(Node.class, null, node).isEmpty();
    }
}
