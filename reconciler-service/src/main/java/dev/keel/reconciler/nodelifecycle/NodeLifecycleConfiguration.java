package dev.keel.reconciler.nodelifecycle;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Node lifecycle: the heartbeat monitor (woken by Nodes and by the Leases in kube-node-lease) and the NoExecute taint
 * manager (woken by Nodes and by the pods bound to them).
 */
@Configuration(proxyBeanMethods = false)
public class NodeLifecycleConfiguration {

    @Bean
    PodsByNode podsByNode(ControllerFactory factory) {
        return new PodsByNode(factory.informers());
    }

    @Bean
    Controller nodeLifecycleController(ControllerFactory factory, KubernetesClient client, EventRecorder events, Clock clock,
            NodeLifecycleProperties properties, PodsByNode podsByNode) {
        Informers informers = factory.informers();
        NodeLifecycleReconciler reconciler = new NodeLifecycleReconciler(client, informers, podsByNode, events, clock,
                properties.getGracePeriod());
        return factory.builder("node-lifecycle", reconciler)
                .watch(informers.informer(Node.class), EventSource.self())
                .watch(informers.informer(Lease.class), EventSource.mapping(lease ->
                        NodeHeartbeats.LEASE_NAMESPACE.equals(lease.getMetadata().getNamespace())
                                ? List.of(Request.clusterScoped(lease.getMetadata().getName()))
                                : List.of()))
                .build();
    }

    @Bean
    Controller taintEvictionController(ControllerFactory factory, KubernetesClient client, EventRecorder events, Clock clock,
            PodsByNode podsByNode) {
        Informers informers = factory.informers();
        TaintEvictionReconciler reconciler = new TaintEvictionReconciler(client, informers, podsByNode, events, clock);
        return factory.builder("taint-eviction", reconciler)
                .watch(informers.informer(Node.class), EventSource.self())
                .watch(informers.informer(Pod.class), EventSource.mapping(pod ->
                        PodsByNode.nodeOf(pod).stream().map(Request::clusterScoped).toList()))
                .build();
    }
}
