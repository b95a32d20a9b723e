package dev.keel.reconciler.replicaset;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.reconciler.workload.OwnedPodExpectations;
import dev.keel.reconciler.workload.OwnerSource;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Expectations;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ReplicaSet and ReplicationController controllers: one reconciler over either owner kind, each woken by its
 * owners and by the pods they own or could adopt.
 */
@Configuration(proxyBeanMethods = false)
public class ReplicaSetConfiguration {

    @Bean
    Controller replicaSetController(ControllerFactory factory, KubernetesClient client, EventRecorder events, Clock clock) {
        return controller("replicaset", new ReplicaSets(), factory, client, events, clock);
    }

    @Bean
    Controller replicationControllerController(ControllerFactory factory, KubernetesClient client, EventRecorder events,
            Clock clock) {
        return controller("replicationcontroller", new ReplicationControllers(), factory, client, events, clock);
    }

    private static <T extends HasMetadata> Controller controller(String name, ReplicaOwner<T> owners, ControllerFactory factory,
            KubernetesClient client, EventRecorder events, Clock clock) {
        Informers informers = factory.informers();
        Expectations expectations = new Expectations(clock, Expectations.DEFAULT_TIMEOUT);
        ReplicaReconciler<T> reconciler = new ReplicaReconciler<>(owners, client, informers, expectations, events, clock);
        informers.informer(Pod.class).addEventHandler(new OwnedPodExpectations(expectations, owners.kind()));
        return factory.builder(name, reconciler)
                .watch(informers.informer(owners.type()), EventSource.self())
                .watch(informers.informer(Pod.class), new OwnerSource<T, Pod>(informers, owners.type(), owners::selector))
                .build();
    }
}
