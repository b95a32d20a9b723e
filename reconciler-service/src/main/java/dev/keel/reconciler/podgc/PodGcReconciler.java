package dev.keel.reconciler.podgc;

import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod garbage collector: one key, {@link #SWEEP}, for a pass over every cached pod, as Kubernetes' podgc runs
 * one loop. A pass confirms with the API server that nodes missing from the cache past their quarantine are gone,
 * lets {@link PodGcPlanner} decide, force-deletes what it chose, and asks to run again after the check period (or
 * sooner, when a quarantine ends). A pod that cannot be deleted fails the pass, which is retried with back-off.
 */
public final class PodGcReconciler implements Reconciler {

    /** The one key this controller reconciles. */
    public static final Request SWEEP = Request.clusterScoped("pods");

    private static final Logger log = LoggerFactory.getLogger(PodGcReconciler.class);

    private final KubernetesClient client;
    private final Informers informers;
    private final PodGcPlanner planner;
    private final PodForceDeleter deleter;
    private final NodeQuarantine quarantine;
    private final Clock clock;
    private final Duration checkPeriod;

    public PodGcReconciler(KubernetesClient client, Informers informers, Clock clock, PodGcProperties properties) {
        this.client = client;
        this.informers = informers;
        this.planner = new PodGcPlanner(properties.getTerminatedPodThreshold());
        this.deleter = new PodForceDeleter(client, clock);
        this.quarantine = new NodeQuarantine(properties.getQuarantine());
        this.clock = clock;
        this.checkPeriod = properties.getCheckPeriod();
    }

    @Override
    public Result reconcile(Request request) {
        Instant now = clock.instant();
        List<Pod> pods = informers.informer(Pod.class).getStore().list();
        Map<String, Node> nodes = informers.informer(Node.class).getStore().list().stream()
                .collect(Collectors.toMap(node -> node.getMetadata().getName(), Function.identity(), (a, b) -> a));
        Set<String> deletedNodes = confirmDeleted(quarantine.due(PodGcPlanner.missingNodes(pods, nodes), now), now);
        KubernetesClientException failure = null;
        for (PodDeletion deletion : planner.plan(pods, nodes, deletedNodes)) {
            try {
                if (deleter.markFailedAndDelete(deletion)) {
                    log.info("Force-deleted pod {} on node {}: {}", deletion.describe(),
                            deletion.pod().getSpec().getNodeName(), deletion.reason().because());
                }
            } catch (KubernetesClientException e) {
                log.warn("Could not force-delete pod {} ({}): {}", deletion.describe(), deletion.reason().because(),
                        e.getMessage());
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return Result.requeueAfter(quarantine.nextDue(now).filter(due -> due.compareTo(checkPeriod) < 0).orElse(checkPeriod));
    }

    /** Of the nodes out of quarantine, those the API server does not have either. */
    private Set<String> confirmDeleted(Set<String> due, Instant now) {
        Set<String> deleted = new HashSet<>();
        for (String name : due) {
            if (client.nodes().withName(name).get() == null) {
                log.info("Node {} no longer exists: its pods are orphans", name);
                deleted.add(name);
                quarantine.release(name);
            } else {
                quarantine.restart(name, now);
            }
        }
        return deleted;
    }
}
