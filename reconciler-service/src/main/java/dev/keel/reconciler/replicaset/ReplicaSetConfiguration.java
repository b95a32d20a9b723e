package dev.keel.reconciler.replicaset;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.reconciler.workload.OwnedPodExpectations;
import dev.keel.reconciler.workload.OwnerSource;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Expectations;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ReplicaSet controller: woken by its ReplicaSets and by the pods they own or could adopt. */
@Configuration(proxyBeanMethods = false)
public class ReplicaSetConfiguration {

    @Bean
    Controller replicaSetController(ControllerFactory factory, KubernetesClient client, EventRecorder events, Clock clock) {
        Informers informers = factory.informers();
        Expectations expectations = new Expectations(clock, Expectations.DEFAULT_TIMEOUT);
        ReplicaSetReconciler reconciler = new ReplicaSetReconciler(client, informers, expectations, events, clock);
        informers.informer(Pod.class).addEventHandler(new OwnedPodExpectations(expectations, "ReplicaSet"));
        return factory.builder("replicaset", reconciler)
                .watch(informers.informer(ReplicaSet.class), EventSource.self())
                .watch(informers.informer(Pod.class), new OwnerSource<ReplicaSet, Pod>(informers, ReplicaSet.class,
                        replicaSet -> replicaSet.getSpec().getSelector()))
                .build();
    }
}
