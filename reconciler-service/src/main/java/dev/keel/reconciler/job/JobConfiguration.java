package dev.keel.reconciler.job;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.reconciler.workload.OwnedPodExpectations;
import dev.keel.reconciler.workload.OwnerSource;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Expectations;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Job controller: woken by its Jobs and by the pods they control or could adopt. */
@Configuration(proxyBeanMethods = false)
public class JobConfiguration {

    @Bean
    Controller jobController(ControllerFactory factory, KubernetesClient client, EventRecorder events, Clock clock,
            JobProperties properties) {
        Informers informers = factory.informers();
        Expectations expectations = new Expectations(clock, Expectations.DEFAULT_TIMEOUT);
        informers.informer(Pod.class).addEventHandler(new OwnedPodExpectations(expectations, "Job"));
        JobReconciler reconciler = new JobReconciler(client, informers, expectations,
                new PodFailureBackoff(properties.getPodFailureBackoff(), properties.getMaxPodFailureBackoff()), events, clock);
        return factory.builder("job", reconciler)
                .watch(informers.informer(Job.class), EventSource.self())
                .watch(informers.informer(Pod.class), new OwnerSource<Job, Pod>(informers, Job.class, job -> job.getSpec().getSelector()))
                .build();
    }
}
