package dev.keel.scheduler.service;

import dev.keel.runtime.events.EventRecorder;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.plugins.defaultpreemption.PodEvictor;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes a preemption victim (with its own grace period, as kube-scheduler does) and records a Preempted event. */
public final class ApiPodEvictor implements PodEvictor {

    private static final Logger log = LoggerFactory.getLogger(ApiPodEvictor.class);

    private final KubernetesClient client;
    private final EventRecorder events;

    public ApiPodEvictor(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    @Override
    public void evict(PodInfo victim, PodInfo preemptor, String nodeName) {
        log.info("Preempting pod {} on node {} for pod {}", victim.key(), nodeName, preemptor.key());
        client.pods().inNamespace(victim.namespace()).withName(victim.pod().getMetadata().getName()).delete();
        events.record(victim.pod(), "Normal", "Preempted", "Preempted by pod " + preemptor.uid() + " on node " + nodeName);
    }
}
