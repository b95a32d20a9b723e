package dev.keel.reconciler.statefulset;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.reconciler.workload.OwnerSource;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The StatefulSet controller: woken by its StatefulSets, by the pods they control and by orphans they could adopt. */
@Configuration(proxyBeanMethods = false)
public class StatefulSetConfiguration {

    @Bean
    Controller statefulSetController(ControllerFactory factory, KubernetesClient client, EventRecorder events, Clock clock) {
        Informers informers = factory.informers();
        // Claims are read from the cache before one is created; the informer must exist before the caches start.
        informers.informer(PersistentVolumeClaim.class);
        StatefulSetReconciler reconciler = new StatefulSetReconciler(client, informers, events, clock);
        return factory.builder("statefulset", reconciler)
                .watch(informers.informer(StatefulSet.class), EventSource.self())
                .watch(informers.informer(Pod.class), new OwnerSource<StatefulSet, Pod>(informers, StatefulSet.class,
                        set -> set.getSpec().getSelector()))
                .build();
    }
}
