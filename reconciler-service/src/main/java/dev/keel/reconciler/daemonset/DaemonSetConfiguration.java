package dev.keel.reconciler.daemonset;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.reconciler.workload.OwnedPodExpectations;
import dev.keel.reconciler.workload.OwnerSource;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Expectations;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The DaemonSet controller: woken by its DaemonSets, by the pods they control or could adopt, and by every node
 * change (a node added, relabelled or tainted may gain or lose daemons).
 */
@Configuration(proxyBeanMethods = false)
public class DaemonSetConfiguration {

    @Bean
    Controller daemonSetController(ControllerFactory factory, KubernetesClient client, EventRecorder events, Clock clock) {
        Informers informers = factory.informers();
        Expectations expectations = new Expectations(clock, Expectations.DEFAULT_TIMEOUT);
        informers.informer(Pod.class).addEventHandler(new OwnedPodExpectations(expectations, "DaemonSet"));
        DaemonSetReconciler reconciler = new DaemonSetReconciler(client, informers, expectations, events, clock);
        return factory.builder("daemonset", reconciler)
                .watch(informers.informer(DaemonSet.class), EventSource.self())
                .watch(informers.informer(Pod.class), new OwnerSource<DaemonSet, Pod>(informers, DaemonSet.class,
                        set -> set.getSpec().getSelector()))
                .watch(informers.informer(Node.class), EventSource.mapping(node ->
                        informers.informer(DaemonSet.class).getStore().list().stream()
                                .map(Request::of).toList()))
                .build();
    }
}
