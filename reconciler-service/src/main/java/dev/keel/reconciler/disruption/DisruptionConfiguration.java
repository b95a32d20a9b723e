package dev.keel.reconciler.disruption;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.objects.LabelSelectors;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The disruption controller: woken by its budgets, by the pods they select, and by the controllers whose scale
 * their percentages resolve against (a scale change wakes every budget of the namespace; there are few).
 */
@Configuration(proxyBeanMethods = false)
public class DisruptionConfiguration {

    @Bean
    Controller disruptionController(ControllerFactory factory, KubernetesClient client, EventRecorder events, Clock clock,
            DisruptionProperties properties) {
        Informers informers = factory.informers();
        BudgetPlanner planner = new BudgetPlanner(new CachedScales(informers), properties.getDeletionTimeout());
        DisruptionReconciler reconciler = new DisruptionReconciler(client, informers, planner, events, clock);
        EventSource<Pod> selectingBudgets = pod -> informers.list(PodDisruptionBudget.class, pod.getMetadata().getNamespace())
                .stream()
                .filter(budget -> budget.getSpec() != null
                        && LabelSelectors.matches(budget.getSpec().getSelector(), pod.getMetadata().getLabels()))
                .map(Request::of)
                .toList();
        return factory.builder("disruption", reconciler)
                .watch(informers.informer(PodDisruptionBudget.class), EventSource.self())
                .watch(informers.informer(Pod.class), selectingBudgets)
                .watch(informers.informer(Deployment.class), namespaceBudgets(informers))
                .watch(informers.informer(ReplicaSet.class), namespaceBudgets(informers))
                .watch(informers.informer(StatefulSet.class), namespaceBudgets(informers))
                .watch(informers.informer(ReplicationController.class), namespaceBudgets(informers))
                .build();
    }

    private static <T extends HasMetadata> EventSource<T> namespaceBudgets(Informers informers) {
        return owner -> {
            List<PodDisruptionBudget> budgets = informers.list(PodDisruptionBudget.class, owner.getMetadata().getNamespace());
            return budgets.stream().map(Request::of).toList();
        };
    }
}
