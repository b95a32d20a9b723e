package dev.keel.reconciler.statefulset;

import dev.keel.reconciler.revision.TemplateHashes;
import dev.keel.reconciler.workload.Claims;
import dev.keel.reconciler.workload.PodTemplates;
import dev.keel.reconciler.workload.Pods;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.objects.Owners;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The StatefulSet controller. Pods have stable names, so it needs no expectations: creating a name that already
 * exists answers 409 and deleting one already gone answers 404, and a pass that acts on a stale cache repeats
 * the very same step, never a different one. Revisions are template hashes (platform-api serves no
 * ControllerRevisions), so a pod below the partition that is deleted comes back at the update revision.
 */
public final class StatefulSetReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(StatefulSetReconciler.class);

    private final KubernetesClient client;
    private final Claims claims;
    private final Informers informers;
    private final EventRecorder events;
    private final Clock clock;

    public StatefulSetReconciler(KubernetesClient client, Informers informers, EventRecorder events, Clock clock) {
        this.client = client;
        this.claims = new Claims(client);
        this.informers = informers;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Result reconcile(Request request) {
        Optional<StatefulSet> cached = informers.get(StatefulSet.class, request.namespace(), request.name());
        if (cached.isEmpty() || cached.get().getMetadata().getDeletionTimestamp() != null) {
            // Its pods go with it through the garbage collector.
            return Result.done();
        }
        StatefulSet set = cached.get();
        // Orphans are adopted only if their names make them members: <set>-<ordinal>.
        List<Pod> candidates = informers.list(Pod.class, set.getMetadata().getNamespace()).stream()
                .filter(pod -> Owners.isControlledBy(pod, set.getMetadata().getUid())
                        || Owners.controllerOf(pod).isEmpty()
                                && StatefulPods.ordinalOf(set.getMetadata().getName(), pod.getMetadata().getName()).isPresent())
                .toList();
        List<Pod> pods = claims.claim(set, set.getSpec().getSelector(), candidates);
        String updateRevision = StatefulPods.revision(set, TemplateHashes.hash(set.getSpec().getTemplate()));
        String currentRevision = set.getStatus() == null || set.getStatus().getCurrentRevision() == null
                ? updateRevision : set.getStatus().getCurrentRevision();
        Map<Integer, Pod> byOrdinal = new HashMap<>();
        Map<Integer, Replica> replicas = new HashMap<>();
        for (Pod pod : pods) {
            OptionalInt ordinal = StatefulPods.ordinalOf(set.getMetadata().getName(), pod.getMetadata().getName());
            if (ordinal.isPresent()) {
                byOrdinal.put(ordinal.getAsInt(), pod);
                replicas.put(ordinal.getAsInt(), replica(ordinal.getAsInt(), pod));
            }
        }
        int wanted = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        boolean monotonic = !"Parallel".equals(set.getSpec().getPodManagementPolicy());
        boolean rollingUpdate = set.getSpec().getUpdateStrategy() == null
                || !"OnDelete".equals(set.getSpec().getUpdateStrategy().getType());
        int partition = rollingUpdate && set.getSpec().getUpdateStrategy() != null
                && set.getSpec().getUpdateStrategy().getRollingUpdate() != null
                && set.getSpec().getUpdateStrategy().getRollingUpdate().getPartition() != null
                ? set.getSpec().getUpdateStrategy().getRollingUpdate().getPartition() : 0;
        for (StatefulSetAction action : StatefulSetPlanner.plan(wanted, monotonic, rollingUpdate, partition, updateRevision, replicas)) {
            switch (action.type()) {
                case CREATE -> create(set, action.ordinal(), updateRevision);
                case DELETE -> delete(set, byOrdinal.get(action.ordinal()));
            }
        }
        Instant now = clock.instant();
        updateStatus(set, StatefulSetStatuses.compute(set, pods, currentRevision, updateRevision, now));
        return availabilityCheck(set, pods, now);
    }

    private static Replica replica(int ordinal, Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
        String revision = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(StatefulPods.REVISION_LABEL);
        return new Replica(ordinal, revision, terminating,
                !terminating && "Running".equals(phase) && Pods.isReady(pod),
                "Succeeded".equals(phase) || "Failed".equals(phase));
    }

    private void create(StatefulSet set, int ordinal, String revision) {
        String podName = StatefulPods.podName(set, ordinal);
        for (PersistentVolumeClaim claim : StatefulPods.claims(set, ordinal)) {
            String claimName = claim.getMetadata().getName();
            if (informers.get(PersistentVolumeClaim.class, set.getMetadata().getNamespace(), claimName).isPresent()) {
                continue;
            }
            try {
                client.persistentVolumeClaims().inNamespace(set.getMetadata().getNamespace()).resource(claim).create();
                events.normal(set, "SuccessfulCreate", "create Claim " + claimName + " Pod " + podName
                        + " in StatefulSet " + set.getMetadata().getName() + " success");
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    events.warning(set, "FailedCreate", "create Claim " + claimName + " for Pod " + podName
                            + " in StatefulSet " + set.getMetadata().getName() + " failed error: " + e.getMessage());
                    throw e;
                }
            }
        }
        try {
            client.pods().inNamespace(set.getMetadata().getNamespace()).resource(StatefulPods.pod(set, ordinal, revision)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // Already there (our cache is behind) or the old pod is still terminating: its events wake us again.
                return;
            }
            events.warning(set, "FailedCreate", "create Pod " + podName + " in StatefulSet "
                    + set.getMetadata().getName() + " failed error: " + e.getMessage());
            throw e;
        }
        log.info("Created pod {}/{} at revision {}", set.getMetadata().getNamespace(), podName, revision);
        events.normal(set, "SuccessfulCreate", "create Pod " + podName + " in StatefulSet " + set.getMetadata().getName() + " successful");
    }

    private void delete(StatefulSet set, Pod pod) {
        String name = pod.getMetadata().getName();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Failed".equals(phase)) {
            events.warning(set, "RecreatingFailedPod", "StatefulSet " + set.getMetadata().getNamespace() + "/"
                    + set.getMetadata().getName() + " is recreating failed Pod " + name);
        } else if ("Succeeded".equals(phase)) {
            events.normal(set, "RecreatingTerminatedPod", "StatefulSet " + set.getMetadata().getNamespace() + "/"
                    + set.getMetadata().getName() + " is recreating terminated Pod " + name);
        }
        try {
            client.pods().inNamespace(set.getMetadata().getNamespace()).withName(name).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return;
            }
            events.warning(set, "FailedDelete", "delete Pod " + name + " in StatefulSet "
                    + set.getMetadata().getName() + " failed error: " + e.getMessage());
            throw e;
        }
        log.info("Deleted pod {}/{}", set.getMetadata().getNamespace(), name);
        events.normal(set, "SuccessfulDelete", "delete Pod " + name + " in StatefulSet " + set.getMetadata().getName() + " successful");
    }

    private void updateStatus(StatefulSet set, StatefulSetStatus status) {
        if (Objects.equals(set.getStatus(), status)) {
            return;
        }
        StatefulSet updated = PodTemplates.copy(set);
        updated.setStatus(status);
        client.apps().statefulSets().inNamespace(set.getMetadata().getNamespace()).resource(updated).updateStatus();
    }

    /** A pass once the next ready pod becomes available (minReadySeconds), so availableReplicas catches up. */
    private Result availabilityCheck(StatefulSet set, List<Pod> pods, Instant now) {
        int minReadySeconds = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
        return pods.stream()
                .map(pod -> Pods.untilAvailable(pod, minReadySeconds, now))
                .flatMap(Optional::stream)
                .min(Duration::compareTo)
                .map(Result::requeueAfter)
                .orElse(Result.done());
    }
}
