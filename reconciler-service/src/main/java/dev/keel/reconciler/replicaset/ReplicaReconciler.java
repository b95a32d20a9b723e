package dev.keel.reconciler.replicaset;

import dev.keel.reconciler.workload.Claims;
import dev.keel.reconciler.workload.PodTemplates;
import dev.keel.reconciler.workload.Pods;
import dev.keel.runtime.client.ApiErrors;
import dev.keel.runtime.controller.Expectations;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps {@code spec.replicas} active pods for each owner of kind {@code T} (ReplicaSet or ReplicationController, as
 * Kubernetes runs both with one controller): adopts orphans its selector matches, releases pods it no longer
 * selects, creates the missing (in doubling batches) and deletes the least useful surplus, and never acts while its
 * own earlier creations or deletions have not yet shown up in the cache.
 */
public class ReplicaReconciler<T extends HasMetadata> implements Reconciler {

    /** At most this many creations or deletions per pass, as Kubernetes' burstReplicas. */
    static final int BURST = 500;

    private final ReplicaOwner<T> owners;
    private final KubernetesClient client;
    private final Informers informers;
    private final Expectations expectations;
    private final EventRecorder events;
    private final Clock clock;
    private final Claims claims;

    public ReplicaReconciler(ReplicaOwner<T> owners, KubernetesClient client, Informers informers, Expectations expectations,
            EventRecorder events, Clock clock) {
        this.owners = owners;
        this.client = client;
        this.informers = informers;
        this.expectations = expectations;
        this.events = events;
        this.clock = clock;
        this.claims = new Claims(client);
    }

    @Override
    public Result reconcile(Request request) {
        Optional<T> cached = informers.get(owners.type(), request.namespace(), request.name());
        if (cached.isEmpty()) {
            expectations.forget(request);
            return Result.done();
        }
        T owner = cached.get();
        List<Pod> owned = claims.claim(owner, owners.selector(owner), informers.list(Pod.class, owner.getMetadata().getNamespace()));
        List<Pod> active = owned.stream().filter(Pods::isActive).toList();
        boolean deleting = owner.getMetadata().getDeletionTimestamp() != null;
        RuntimeException failure = null;
        if (!deleting && expectations.satisfied(request)) {
            try {
                manage(request, owner, active);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        Instant now = clock.instant();
        Result result = updateStatus(owner, active, failure, now);
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    private void manage(Request key, T owner, List<Pod> active) {
        int diff = active.size() - owners.replicas(owner);
        if (diff < 0) {
            createPods(key, owner, Math.min(-diff, BURST));
        } else if (diff > 0) {
            deletePods(key, owner, active, Math.min(diff, BURST));
        }
    }

    /** Creates in batches of 1, 2, 4, ...: a template that cannot be created fails once, not {@code count} times. */
    private void createPods(Request key, T owner, int count) {
        expectations.expectCreations(key, count);
        int remaining = count;
        int batch = 1;
        while (remaining > 0) {
            int size = Math.min(batch, remaining);
            for (int i = 0; i < size; i++) {
                try {
                    Pod pod = PodTemplates.podFrom(owners.template(owner), owner, owner.getMetadata().getName() + "-");
                    Pod created = client.pods().inNamespace(key.namespace()).resource(pod).create();
                    events.normal(owner, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
                } catch (KubernetesClientException e) {
                    // Neither this pod nor the ones not attempted will show up in the cache.
                    for (int skipped = 0; skipped < remaining - i; skipped++) {
                        expectations.creationObserved(key);
                    }
                    events.warning(owner, "FailedCreate", "Error creating: " + ApiErrors.message(e));
                    throw e;
                }
            }
            remaining -= size;
            batch *= 2;
        }
    }

    private void deletePods(Request key, T owner, List<Pod> active, int count) {
        List<Pod> victims = active.stream().sorted(PodDeletionOrder.LEAST_USEFUL_FIRST).limit(count).toList();
        expectations.expectDeletions(key, victims.stream().map(pod -> pod.getMetadata().getUid()).toList());
        for (Pod victim : victims) {
            try {
                client.pods().inNamespace(key.namespace()).withName(victim.getMetadata().getName()).delete();
                events.normal(owner, "SuccessfulDelete", "Deleted pod: " + victim.getMetadata().getName());
            } catch (KubernetesClientException e) {
                expectations.deletionObserved(key, victim.getMetadata().getUid());
                if (e.getCode() != 404) {
                    events.warning(owner, "FailedDelete", "Error deleting: " + e.getMessage());
                    throw e;
                }
            }
        }
    }

    private Result updateStatus(T owner, List<Pod> active, RuntimeException failure, Instant now) {
        int minReadySeconds = owners.minReadySeconds(owner);
        var template = owners.template(owner);
        Map<String, String> templateLabels = template == null || template.getMetadata() == null
                ? Map.of() : Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of());
        int ready = 0;
        int available = 0;
        int fullyLabeled = 0;
        Result result = Result.done();
        for (Pod pod : active) {
            if (pod.getMetadata().getLabels() != null && pod.getMetadata().getLabels().entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (Pods.isReady(pod)) {
                ready++;
            }
            if (Pods.isAvailable(pod, minReadySeconds, now)) {
                available++;
            } else {
                Optional<Duration> wait = Pods.untilAvailable(pod, minReadySeconds, now);
                if (wait.isPresent()) {
                    result = result.or(Result.requeueAfter(wait.get()));
                }
            }
        }
        ReplicaStatus current = owners.status(owner);
        List<ReplicaCondition> conditions = ReplicaFailureCondition.apply(current == null ? List.of() : current.conditions(),
                failure, now);
        ReplicaStatus wanted = new ReplicaStatus(active.size(), fullyLabeled, ready, available,
                owner.getMetadata().getGeneration(), conditions);
        if (!wanted.equals(current)) {
            owners.writeStatus(client, owner, wanted);
        }
        return result;
    }
}
