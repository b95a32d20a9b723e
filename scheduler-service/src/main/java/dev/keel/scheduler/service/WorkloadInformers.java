package dev.keel.scheduler.service;

import dev.keel.runtime.controller.InformerRetries;
import dev.keel.runtime.health.RuntimeHealth;
import dev.keel.scheduler.framework.WorkloadLister;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Caches of the Services, ReplicaSets and StatefulSets of every namespace, for default spreading. Started before the
 * scheduler (a lower lifecycle phase) so its first pods already spread; until an informer has listed, it answers
 * nothing for its kind. Start-up does not wait for the lists, and a failed list or watch is retried for ever.
 */
public final class WorkloadInformers implements WorkloadLister, SmartLifecycle {

    /** Before {@link SchedulerRunner}, which runs in the default (last) phase. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1;

    private static final Logger log = LoggerFactory.getLogger(WorkloadInformers.class);

    private final KubernetesClient client;
    private final RuntimeHealth health;
    private volatile SharedIndexInformer<Service> services;
    private volatile SharedIndexInformer<ReplicaSet> replicaSets;
    private volatile SharedIndexInformer<StatefulSet> statefulSets;

    public WorkloadInformers(KubernetesClient client, RuntimeHealth health) {
        this.client = client;
        this.health = health;
    }

    @Override
    public synchronized void start() {
        services = started("Service", client.services().inAnyNamespace());
        replicaSets = started("ReplicaSet", client.apps().replicaSets().inAnyNamespace());
        statefulSets = started("StatefulSet", client.apps().statefulSets().inAnyNamespace());
        log.info("Workload informers started (Services, ReplicaSets, StatefulSets)");
    }

    private <T extends HasMetadata> SharedIndexInformer<T> started(String kind, Informable<T> resources) {
        SharedIndexInformer<T> informer = resources.runnableInformer(0);
        informer.exceptionHandler(new InformerRetries(kind));
        health.informer(kind, informer);
        informer.start();
        return informer;
    }

    @Override
    public synchronized void stop() {
        for (SharedIndexInformer<?> informer : List.of(services, replicaSets, statefulSets)) {
            informer.close();
        }
        services = null;
        replicaSets = null;
        statefulSets = null;
    }

    @Override
    public boolean isRunning() {
        return services != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public List<Service> services(String namespace) {
        SharedIndexInformer<Service> informer = services;
        return informer == null ? List.of() : informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    @Override
    public Optional<ReplicaSet> replicaSet(String namespace, String name) {
        SharedIndexInformer<ReplicaSet> informer = replicaSets;
        return informer == null ? Optional.empty() : Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    }

    @Override
    public Optional<StatefulSet> statefulSet(String namespace, String name) {
        SharedIndexInformer<StatefulSet> informer = statefulSets;
        return informer == null ? Optional.empty() : Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
    }
}
