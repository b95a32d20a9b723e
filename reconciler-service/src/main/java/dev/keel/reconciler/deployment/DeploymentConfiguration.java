package dev.keel.reconciler.deployment;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.reconciler.workload.OwnerSource;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.objects.Owners;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Deployment controller: woken by its Deployments, by the ReplicaSets they own or could adopt, and by pods of
 * those sets (a Recreate rollout waits for the old pods to be gone).
 */
@Configuration(proxyBeanMethods = false)
public class DeploymentConfiguration {

    @Bean
    Controller deploymentController(ControllerFactory factory, KubernetesClient client, EventRecorder events, Clock clock) {
        Informers informers = factory.informers();
        DeploymentReconciler reconciler = new DeploymentReconciler(client, informers, events, clock);
        return factory.builder("deployment", reconciler)
                .watch(informers.informer(Deployment.class), EventSource.self())
                .watch(informers.informer(ReplicaSet.class), new OwnerSource<Deployment, ReplicaSet>(informers,
                        Deployment.class, deployment -> deployment.getSpec().getSelector()))
                .watch(informers.informer(Pod.class), pod -> Owners.controllerOf(pod)
                        .filter(owner -> "ReplicaSet".equals(owner.getKind()))
                        .flatMap(owner -> informers.get(ReplicaSet.class, pod.getMetadata().getNamespace(), owner.getName()))
                        .flatMap(Owners::controllerOf)
                        .filter(owner -> "Deployment".equals(owner.getKind()))
                        .map(owner -> List.of(new Request(pod.getMetadata().getNamespace(), owner.getName())))
                        .orElse(List.of()))
                .build();
    }
}
