package dev.keel.reconciler.deployment;

import dev.keel.reconciler.workload.Claims;
import dev.keel.reconciler.workload.PodTemplates;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.objects.Owners;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rolls a Deployment's pod template out through ReplicaSets: one per template (named by its pod-template-hash),
 * scaled step by step within maxSurge/maxUnavailable (RollingUpdate) or old-first (Recreate); records revisions for
 * kubectl rollout history/undo, keeps revisionHistoryLimit old sets, and reports the status and conditions kubectl
 * rollout status reads, including the progress deadline.
 */
public class DeploymentReconciler implements Reconciler {

    private final KubernetesClient client;
    private final Informers informers;
    private final EventRecorder events;
    private final Clock clock;
    private final Claims claims;

    public DeploymentReconciler(KubernetesClient client, Informers informers, EventRecorder events, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.events = events;
        this.clock = clock;
        this.claims = new Claims(client);
    }

    @Override
    public Result reconcile(Request request) {
        Optional<Deployment> cached = informers.get(Deployment.class, request.namespace(), request.name());
        if (cached.isEmpty() || cached.get().getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        Deployment deployment = cached.get();
        List<ReplicaSet> sets = new ArrayList<>(claims.claim(deployment, deployment.getSpec().getSelector(),
                informers.list(ReplicaSet.class, request.namespace())));
        sets.sort(Comparator.comparing(DeploymentReconciler::created));
        Optional<ReplicaSet> newSet = sets.stream()
                .filter(set -> TemplateHash.sameTemplate(set.getSpec().getTemplate(), deployment.getSpec().getTemplate()))
                .max(Comparator.comparingLong(Revisions::of));
        List<ReplicaSet> oldSets = sets.stream().filter(set -> newSet.isEmpty() || set != newSet.get()).toList();
        Rollout rollout = new Rollout(deployment, oldSets, newSet.orElse(null));

        if (Boolean.TRUE.equals(deployment.getSpec().getPaused())
                || ProportionalScaling.isScalingEvent(replicas(deployment), sized(sets).values().stream().toList())) {
            scale(rollout);
        } else if (RolloutLimits.isRollingUpdate(deployment)) {
            rollingUpdate(rollout);
        } else {
            recreate(rollout);
        }
        cleanUp(deployment, rollout.oldSets);
        return new DeploymentStatusWriter(client, clock).write(deployment, rollout);
    }

    /** What one pass knows and did: the sets, and whether it moved the rollout forward. */
    static final class Rollout {
        final Deployment deployment;
        final List<ReplicaSet> oldSets;
        ReplicaSet newSet;
        String progress;

        Rollout(Deployment deployment, List<ReplicaSet> oldSets, ReplicaSet newSet) {
            this.deployment = deployment;
            this.oldSets = new ArrayList<>(oldSets);
            this.newSet = newSet;
        }

        List<ReplicaSet> all() {
            List<ReplicaSet> all = new ArrayList<>(oldSets);
            if (newSet != null) {
                all.add(newSet);
            }
            return all;
        }
    }

    private void rollingUpdate(Rollout rollout) {
        Deployment deployment = rollout.deployment;
        int desired = replicas(deployment);
        RolloutLimits limits = RolloutLimits.of(deployment);
        if (rollout.newSet == null) {
            RollingUpdatePlan.Set empty = new RollingUpdatePlan.Set("", 0, 0);
            int initial = RollingUpdatePlan.newReplicas(desired, limits, empty, occupied(rollout.oldSets, empty));
            rollout.newSet = createNewSet(deployment, rollout.oldSets, initial);
            rollout.progress = "NewReplicaSetCreated";
            return;
        }
        ensureNewest(rollout);
        RollingUpdatePlan.Set newPlan = planSet(rollout.newSet);
        int target = RollingUpdatePlan.newReplicas(desired, limits, newPlan, occupied(rollout.oldSets, newPlan));
        if (target != newPlan.specReplicas()) {
            rollout.newSet = scale(deployment, rollout.newSet, target, limits);
            rollout.progress = "ReplicaSetUpdated";
            return;
        }
        List<RollingUpdatePlan.Set> planned = RollingUpdatePlan.scaleDownOld(desired, limits, newPlan, planSets(rollout.oldSets));
        for (int i = 0; i < rollout.oldSets.size(); i++) {
            ReplicaSet old = rollout.oldSets.get(i);
            int wanted = planned.get(i).specReplicas();
            if (wanted != replicas(old)) {
                rollout.oldSets.set(i, scale(deployment, old, wanted, limits));
                rollout.progress = "ReplicaSetUpdated";
            }
        }
    }

    private void recreate(Rollout rollout) {
        Deployment deployment = rollout.deployment;
        RolloutLimits limits = RolloutLimits.of(deployment);
        boolean scaledDown = false;
        for (int i = 0; i < rollout.oldSets.size(); i++) {
            ReplicaSet old = rollout.oldSets.get(i);
            if (replicas(old) > 0) {
                rollout.oldSets.set(i, scale(deployment, old, 0, limits));
                scaledDown = true;
            }
        }
        if (scaledDown) {
            rollout.progress = "ReplicaSetUpdated";
            return;
        }
        boolean oldPodsLeft = rollout.oldSets.stream()
                .anyMatch(old -> informers.ownedBy(Pod.class, old.getMetadata().getUid()).stream()
                        .anyMatch(pod -> !"Succeeded".equals(phase(pod)) && !"Failed".equals(phase(pod))));
        if (oldPodsLeft) {
            return;
        }
        if (rollout.newSet == null) {
            rollout.newSet = createNewSet(deployment, rollout.oldSets, replicas(deployment));
            rollout.progress = "NewReplicaSetCreated";
        } else {
            ensureNewest(rollout);
            if (replicas(rollout.newSet) != replicas(deployment)) {
                rollout.newSet = scale(deployment, rollout.newSet, replicas(deployment), limits);
                rollout.progress = "ReplicaSetUpdated";
            }
        }
    }

    /**
     * A paused Deployment, or one whose replicas changed, is only scaled this pass (no rollout step): see
     * {@link ProportionalScaling}. No new set is created for a template changed while paused.
     */
    private void scale(Rollout rollout) {
        Deployment deployment = rollout.deployment;
        List<ReplicaSet> all = new ArrayList<>(rollout.all());
        all.sort(Comparator.comparing(DeploymentReconciler::created));
        Map<ReplicaSet, ProportionalScaling.Sized> sized = sized(all);
        int statusReplicas = deployment.getStatus() == null ? 0 : Objects.requireNonNullElse(deployment.getStatus().getReplicas(), 0);
        RolloutLimits limits = RolloutLimits.of(deployment);
        Map<String, Integer> sizes = ProportionalScaling.plan(replicas(deployment), limits.maxSurge(),
                RolloutLimits.isRollingUpdate(deployment), statusReplicas, List.copyOf(sized.values()),
                rollout.newSet == null ? null : sized.get(rollout.newSet));
        for (int i = 0; i < rollout.oldSets.size(); i++) {
            ReplicaSet old = rollout.oldSets.get(i);
            if (sizes.containsKey(old.getMetadata().getName())) {
                rollout.oldSets.set(i, scale(deployment, old, sizes.get(old.getMetadata().getName()), limits));
            }
        }
        if (rollout.newSet != null && sizes.containsKey(rollout.newSet.getMetadata().getName())) {
            rollout.newSet = scale(deployment, rollout.newSet, sizes.get(rollout.newSet.getMetadata().getName()), limits);
        }
    }

    /** The sets as proportional scaling reads them, in the given order. */
    private static Map<ReplicaSet, ProportionalScaling.Sized> sized(List<ReplicaSet> sets) {
        Map<ReplicaSet, ProportionalScaling.Sized> sized = new LinkedHashMap<>();
        for (ReplicaSet set : sets) {
            Map<String, String> annotations = Objects.requireNonNullElse(set.getMetadata().getAnnotations(), Map.of());
            int available = set.getStatus() == null ? 0 : Objects.requireNonNullElse(set.getStatus().getAvailableReplicas(), 0);
            sized.put(set, new ProportionalScaling.Sized(set.getMetadata().getName(), replicas(set), available,
                    annotation(annotations, Revisions.DESIRED_REPLICAS), annotation(annotations, Revisions.MAX_REPLICAS)));
        }
        return sized;
    }

    private static int annotation(Map<String, String> annotations, String key) {
        try {
            return Integer.parseInt(annotations.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private ReplicaSet createNewSet(Deployment deployment, List<ReplicaSet> oldSets, int replicas) {
        int collisions = deployment.getStatus() == null || deployment.getStatus().getCollisionCount() == null
                ? 0 : deployment.getStatus().getCollisionCount();
        PodTemplateSpec template = PodTemplates.copy(deployment.getSpec().getTemplate());
        String hash = TemplateHash.of(template, collisions);
        Map<String, String> labels = new HashMap<>(Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of()));
        labels.put(TemplateHash.LABEL, hash);
        template.getMetadata().setLabels(labels);
        LabelSelector selector = new LabelSelectorBuilder(PodTemplates.copy(deployment.getSpec().getSelector()))
                .addToMatchLabels(TemplateHash.LABEL, hash).build();
        Map<String, String> annotations = Revisions.copied(deployment);
        annotations.put(Revisions.REVISION, String.valueOf(Revisions.max(oldSets) + 1));
        annotations.put(Revisions.DESIRED_REPLICAS, String.valueOf(replicas(deployment)));
        annotations.put(Revisions.MAX_REPLICAS, String.valueOf(replicas(deployment) + RolloutLimits.of(deployment).maxSurge()));
        String name = deployment.getMetadata().getName() + "-" + hash;
        ReplicaSet set = new ReplicaSetBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(deployment.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(annotations)
                    .withOwnerReferences(Owners.controllerReference(deployment))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withMinReadySeconds(deployment.getSpec().getMinReadySeconds())
                    .withSelector(selector)
                    .withTemplate(template)
                .endSpec()
                .build();
        try {
            ReplicaSet created = client.apps().replicaSets().inNamespace(deployment.getMetadata().getNamespace()).resource(set).create();
            events.normal(deployment, "ScalingReplicaSet", "Scaled up replica set " + name + " to " + replicas + " from 0");
            updateDeploymentRevision(deployment, Revisions.of(created));
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                bumpCollisionCount(deployment, collisions);
            }
            throw e;
        }
    }

    /** A hash clash with a set of another template: a new collision count gives the next try another name. */
    private void bumpCollisionCount(Deployment deployment, int collisions) {
        Deployment updated = PodTemplates.copy(deployment);
        DeploymentStatus status = updated.getStatus() == null ? new DeploymentStatus() : updated.getStatus();
        status.setCollisionCount(collisions + 1);
        updated.setStatus(status);
        client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace()).resource(updated).updateStatus();
    }

    /** A template rolled back to an older set makes that set the newest revision again. */
    private void ensureNewest(Rollout rollout) {
        long newest = Revisions.max(rollout.oldSets);
        ReplicaSet set = rollout.newSet;
        long revision = Revisions.of(set);
        if (revision <= newest) {
            revision = newest + 1;
            long assigned = revision;
            rollout.newSet = client.apps().replicaSets().inNamespace(set.getMetadata().getNamespace())
                    .withName(set.getMetadata().getName()).edit(current -> {
                        Map<String, String> annotations = new HashMap<>(Objects.requireNonNullElse(current.getMetadata().getAnnotations(), Map.of()));
                        annotations.putAll(Revisions.copied(rollout.deployment));
                        annotations.put(Revisions.REVISION, String.valueOf(assigned));
                        current.getMetadata().setAnnotations(annotations);
                        return current;
                    });
        }
        updateDeploymentRevision(rollout.deployment, revision);
    }

    private void updateDeploymentRevision(Deployment deployment, long revision) {
        if (Revisions.of(deployment) == revision) {
            return;
        }
        client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName()).edit(current -> {
                    Map<String, String> annotations = new HashMap<>(Objects.requireNonNullElse(current.getMetadata().getAnnotations(), Map.of()));
                    annotations.put(Revisions.REVISION, String.valueOf(revision));
                    current.getMetadata().setAnnotations(annotations);
                    return current;
                });
    }

    private ReplicaSet scale(Deployment deployment, ReplicaSet set, int replicas, RolloutLimits limits) {
        int before = replicas(set);
        ReplicaSet scaled = client.apps().replicaSets().inNamespace(set.getMetadata().getNamespace())
                .withName(set.getMetadata().getName()).edit(current -> {
                    current.getSpec().setReplicas(replicas);
                    Map<String, String> annotations = new HashMap<>(Objects.requireNonNullElse(current.getMetadata().getAnnotations(), Map.of()));
                    annotations.put(Revisions.DESIRED_REPLICAS, String.valueOf(replicas(deployment)));
                    annotations.put(Revisions.MAX_REPLICAS, String.valueOf(replicas(deployment) + limits.maxSurge()));
                    current.getMetadata().setAnnotations(annotations);
                    return current;
                });
        events.normal(deployment, "ScalingReplicaSet", "Scaled " + (replicas > before ? "up" : "down") + " replica set "
                + set.getMetadata().getName() + " to " + replicas + " from " + before);
        return scaled;
    }

    /** Deletes the oldest fully scaled-down sets beyond revisionHistoryLimit. */
    private void cleanUp(Deployment deployment, List<ReplicaSet> oldSets) {
        int limit = Objects.requireNonNullElse(deployment.getSpec().getRevisionHistoryLimit(), 10);
        List<ReplicaSet> idle = oldSets.stream()
                .filter(set -> replicas(set) == 0 && set.getStatus() != null
                        && Objects.requireNonNullElse(set.getStatus().getReplicas(), 0) == 0
                        && set.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparingLong(Revisions::of))
                .toList();
        for (int i = 0; i < idle.size() - limit; i++) {
            ReplicaSet set = idle.get(i);
            try {
                client.apps().replicaSets().inNamespace(set.getMetadata().getNamespace()).withName(set.getMetadata().getName()).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
    }

    /**
     * The pods each set may hold right now: an old set scaled down still has its pods until its controller deletes
     * them, so the surge is measured against the larger of its spec and its last counted pods.
     */
    private static List<RollingUpdatePlan.Set> occupied(List<ReplicaSet> oldSets, RollingUpdatePlan.Set newSet) {
        List<RollingUpdatePlan.Set> occupied = new ArrayList<>();
        for (ReplicaSet old : oldSets) {
            RollingUpdatePlan.Set planned = planSet(old);
            int counted = old.getStatus() == null ? 0 : Objects.requireNonNullElse(old.getStatus().getReplicas(), 0);
            occupied.add(new RollingUpdatePlan.Set(planned.name(), Math.max(planned.specReplicas(), counted), planned.availableReplicas()));
        }
        occupied.add(newSet);
        return occupied;
    }

    private static List<RollingUpdatePlan.Set> planSets(List<ReplicaSet> sets) {
        return sets.stream().map(DeploymentReconciler::planSet).toList();
    }

    private static RollingUpdatePlan.Set planSet(ReplicaSet set) {
        int available = set.getStatus() == null ? 0 : Objects.requireNonNullElse(set.getStatus().getAvailableReplicas(), 0);
        return new RollingUpdatePlan.Set(set.getMetadata().getName(), replicas(set), available);
    }

    static int replicas(ReplicaSet set) {
        return Objects.requireNonNullElse(set.getSpec().getReplicas(), 1);
    }

    static int replicas(Deployment deployment) {
        return Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static Instant created(ReplicaSet set) {
        String timestamp = set.getMetadata().getCreationTimestamp();
        return timestamp == null ? Instant.MAX : Instant.parse(timestamp);
    }
}
