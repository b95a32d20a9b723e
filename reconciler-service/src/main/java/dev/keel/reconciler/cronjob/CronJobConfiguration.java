package dev.keel.reconciler.cronjob;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CronJob controller: woken by its CronJobs, by the Jobs they own, and at each CronJob's next activation. */
@Configuration(proxyBeanMethods = false)
public class CronJobConfiguration {

    @Bean
    Controller cronJobController(ControllerFactory factory, KubernetesClient client, EventRecorder events, Clock clock) {
        Informers informers = factory.informers();
        // Schedules without spec.timeZone run in the controller's zone, as kube-controller-manager's time.Local.
        CronJobReconciler reconciler = new CronJobReconciler(client, informers, events, clock, ZoneId.systemDefault());
        return factory.builder("cronjob", reconciler)
                .watch(informers.informer(CronJob.class), EventSource.self())
                .watch(informers.informer(Job.class), EventSource.controllerOwner("CronJob"))
                .build();
    }
}
