package dev.keel.reconciler.gc;

import dev.keel.runtime.client.ApiErrors;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' garbage collector over the informer caches of every followed kind. For an object with owners: keeps it
 * while an owner lives, drops references to gone owners, and deletes it once every owner is gone (a uid mismatch
 * counts as gone). For an owner being deleted: with the {@code orphan} finalizer, strips the references to it from
 * its dependents; with {@code foregroundDeletion}, deletes its dependents and waits for those that block owner
 * deletion; then removes the finalizer so the owner goes. Custom kinds take part as built-in ones do; an owner of a
 * kind nobody follows is resolved through discovery and read from the API server, and while discovery cannot resolve
 * it the dependent stays (looked at again every {@code unresolvedOwnerRecheck}), as Kubernetes' virtual owner nodes.
 */
public class GarbageCollectorReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(GarbageCollectorReconciler.class);
    private static final int FINALIZER_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final GcObjects objects;
    private final GcKinds kinds;
    private final EventRecorder events;
    private final Duration foregroundRecheck;
    private final Duration unresolvedOwnerRecheck;

    /**
     * @param foregroundRecheck      how soon an owner waiting for blocking dependents is looked at again
     * @param unresolvedOwnerRecheck how soon an object kept for an owner of an unresolvable kind is looked at again
     */
    public GarbageCollectorReconciler(KubernetesClient client, GcObjects objects, GcKinds kinds, EventRecorder events,
            Duration foregroundRecheck, Duration unresolvedOwnerRecheck) {
        this.client = client;
        this.objects = objects;
        this.kinds = kinds;
        this.events = events;
        this.foregroundRecheck = foregroundRecheck;
        this.unresolvedOwnerRecheck = unresolvedOwnerRecheck;
    }

    /** Over the built-in kinds only (no custom kind monitors): owners of other kinds are resolved with a GET. */
    public GarbageCollectorReconciler(KubernetesClient client, Informers informers, GcKinds kinds, EventRecorder events,
            Duration foregroundRecheck) {
        this(client, new GcObjects(client, informers, new CustomKindMonitors(client, kinds, Duration.ZERO)), kinds,
                events, foregroundRecheck, GarbageCollectorProperties.DEFAULT_UNRESOLVED_OWNER_RECHECK);
    }

    /** An object of a followed kind, as cached. */
    record Item(GcKind kind, HasMetadata object) {
    }

    @Override
    public Result reconcile(Request request) {
        Optional<ObjectKey> key = ObjectKey.fromRequest(request, kinds);
        if (key.isEmpty()) {
            return Result.done();
        }
        Optional<? extends HasMetadata> cached = objects.cached(key.get().kind(), key.get().namespace(), key.get().name());
        if (cached.isEmpty()) {
            return Result.done();
        }
        Item item = new Item(key.get().kind(), cached.get());
        if (item.object().getMetadata().getDeletionTimestamp() != null) {
            List<String> finalizers = finalizers(item.object());
            if (finalizers.contains(GcDecision.ORPHAN_FINALIZER)) {
                orphanDependents(item);
            } else if (finalizers.contains(GcDecision.FOREGROUND_FINALIZER)) {
                return deleteDependents(item);
            }
            return Result.done();
        }
        return collect(item);
    }

    /**
     * Decides on an object that is not being deleted from the state of its owners, and acts. An object kept only
     * because an owner's kind cannot be resolved is looked at again later: its kind may yet be defined, or the owner go.
     */
    private Result collect(Item item) {
        List<OwnerReference> owners = item.object().getMetadata().getOwnerReferences();
        if (owners == null || owners.isEmpty()) {
            return Result.done();
        }
        Map<String, OwnerState> states = new HashMap<>();
        for (OwnerReference owner : owners) {
            states.put(owner.getUid(), ownerState(item, owner));
        }
        boolean hasDependents = !dependents(item.object().getMetadata().getUid()).isEmpty();
        GcDecision decision = GcDecision.decide(owners, states, hasDependents, finalizers(item.object()));
        switch (decision.action()) {
            case KEEP -> {
                if (states.containsValue(OwnerState.UNKNOWN_KIND)) {
                    log.debug("{} {} kept: an owner's kind cannot be resolved", item.kind().qualifiedName(),
                            describe(item.object()));
                    return Result.requeueAfter(unresolvedOwnerRecheck);
                }
            }
            case REMOVE_REFERENCES -> {
                removeOwnerReferences(item, Set.copyOf(decision.removeOwnerUids()));
                log.info("Removed references to gone or foreground-deleting owners {} from {} {}",
                        decision.removeOwnerUids(), item.kind().qualifiedName(), describe(item.object()));
            }
            case DELETE -> {
                log.info("Deleting {} {} (propagation {}): its owners are gone or deleting it in the foreground",
                        item.kind().qualifiedName(), describe(item.object()), decision.propagation());
                delete(item, decision.propagation());
            }
        }
        return Result.done();
    }

    private OwnerState ownerState(Item item, OwnerReference owner) {
        Optional<GcKind> kind = kinds.find(owner.getApiVersion(), owner.getKind())
                .or(() -> objects.resolve(owner.getApiVersion(), owner.getKind()));
        if (kind.isEmpty()) {
            return OwnerState.UNKNOWN_KIND;
        }
        String itemNamespace = item.object().getMetadata().getNamespace();
        if (kind.get().namespaced() && !item.kind().namespaced()) {
            events.warning(item.object(), "OwnerRefInvalidNamespace", "ownerRef " + owner.getKind() + " "
                    + owner.getName() + " (uid " + owner.getUid() + ") is namespaced but " + item.kind().kind()
                    + " " + item.object().getMetadata().getName() + " is cluster-scoped");
            return OwnerState.DANGLING;
        }
        String namespace = kind.get().namespaced() ? itemNamespace : null;
        Optional<? extends HasMetadata> found = objects.cached(kind.get(), namespace, owner.getName())
                .filter(cached -> owner.getUid().equals(cached.getMetadata().getUid()));
        if (found.isEmpty()) {
            // The cache may lag behind a just-created owner: only the API server may say it is gone.
            found = Optional.ofNullable(objects.live(kind.get(), namespace, owner.getName()))
                    .filter(current -> owner.getUid().equals(current.getMetadata().getUid()));
        }
        if (found.isEmpty()) {
            return OwnerState.DANGLING;
        }
        HasMetadata current = found.get();
        boolean foreground = current.getMetadata().getDeletionTimestamp() != null
                && finalizers(current).contains(GcDecision.FOREGROUND_FINALIZER);
        return foreground ? OwnerState.WAITING_FOR_DEPENDENTS : OwnerState.SOLID;
    }

    /** Orphan propagation: the dependents lose their reference to the owner and stay; then the owner goes. */
    private void orphanDependents(Item owner) {
        String uid = owner.object().getMetadata().getUid();
        List<Item> dependents = dependents(uid);
        for (Item dependent : dependents) {
            removeOwnerReferences(dependent, Set.of(uid));
        }
        removeFinalizer(owner, GcDecision.ORPHAN_FINALIZER);
        log.info("Orphaned {} dependents of {} {}", dependents.size(), owner.kind().qualifiedName(), describe(owner.object()));
    }

    /**
     * Foreground propagation: delete the dependents; the owner goes once none that blocks it is left. A blocking
     * dependent the cache still holds is confirmed with the API server (a lagging cache must not hold the owner), and
     * while one is left the owner is looked at again after {@code foregroundRecheck}, whatever events come.
     */
    private Result deleteDependents(Item owner) {
        String uid = owner.object().getMetadata().getUid();
        List<Item> dependents = dependents(uid);
        int blocking = 0;
        for (Item dependent : dependents) {
            if (dependent.object().getMetadata().getDeletionTimestamp() == null) {
                collect(dependent);
            }
            if (blocksOwnerDeletion(dependent.object(), uid) && stillBlocks(dependent, uid)) {
                blocking++;
            }
        }
        if (blocking == 0) {
            removeFinalizer(owner, GcDecision.FOREGROUND_FINALIZER);
            log.info("Foreground deletion of {} {} done: no dependent blocks it any more", owner.kind().qualifiedName(),
                    describe(owner.object()));
            return Result.done();
        }
        log.debug("Foreground deletion of {} {} waits for {} dependents", owner.kind().qualifiedName(),
                describe(owner.object()), blocking);
        return Result.requeueAfter(foregroundRecheck);
    }

    /** Whether the dependent, as the API server has it now, still exists and blocks the owner's deletion. */
    private boolean stillBlocks(Item dependent, String ownerUid) {
        HasMetadata current = objects.live(dependent.kind(), dependent.object().getMetadata().getNamespace(),
                dependent.object().getMetadata().getName());
        return current != null && current.getMetadata().getUid().equals(dependent.object().getMetadata().getUid())
                && blocksOwnerDeletion(current, ownerUid);
    }

    private static boolean blocksOwnerDeletion(HasMetadata dependent, String ownerUid) {
        List<OwnerReference> owners = dependent.getMetadata().getOwnerReferences();
        return owners != null && owners.stream()
                .anyMatch(owner -> ownerUid.equals(owner.getUid()) && Boolean.TRUE.equals(owner.getBlockOwnerDeletion()));
    }

    /** Every cached object, of any followed kind, that names {@code uid} among its owners. */
    List<Item> dependents(String uid) {
        List<Item> dependents = new ArrayList<>();
        for (GcKind kind : kinds.all()) {
            for (HasMetadata object : objects.ownedBy(kind, uid)) {
                dependents.add(new Item(kind, object));
            }
        }
        return dependents;
    }

    /**
     * Deletes the object with a uid precondition, as Kubernetes' collector does: a newer object that took the name
     * meanwhile is not the one whose owners are gone. A delete that finds it gone or replaced has nothing left to do.
     */
    private void delete(Item item, String propagation) {
        HasMetadata object = item.object();
        DeleteOptions options = new DeleteOptionsBuilder().withApiVersion("v1").withKind("DeleteOptions")
                .withPropagationPolicy(propagation)
                .withNewPreconditions().withUid(object.getMetadata().getUid()).endPreconditions()
                .build();
        write(item, "FailedToDelete", "delete it (propagation " + propagation + ")", () -> {
            try {
                client.raw(path(item.kind(), object), "DELETE", options);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404 && e.getCode() != 409) {
                    throw e;
                }
                log.debug("{} {} was already gone or replaced: {}", item.kind().qualifiedName(), describe(object),
                        e.getMessage());
            }
        });
    }

    /**
     * Runs one write of the collector; a failure other than a conflict (a stale cache copy, retried) is told to the
     * user as a Warning event on the object, then rethrown so the key is retried with back-off.
     */
    private void write(Item item, String reason, String what, Runnable action) {
        try {
            action.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                events.warning(item.object(), reason, "The garbage collector could not " + what + ": " + ApiErrors.message(e));
            }
            throw e;
        }
    }

    private static String path(GcKind kind, HasMetadata object) {
        return kind.collectionPath(object.getMetadata().getNamespace()) + "/" + object.getMetadata().getName();
    }

    /** Writes the object without the given owner references; a stale cache copy fails with a conflict and is retried. */
    private void removeOwnerReferences(Item item, Set<String> uids) {
        HasMetadata copy = client.getKubernetesSerialization().clone(item.object());
        List<OwnerReference> owners = copy.getMetadata().getOwnerReferences();
        if (owners == null || owners.stream().noneMatch(owner -> uids.contains(owner.getUid()))) {
            return;
        }
        copy.getMetadata().setOwnerReferences(owners.stream().filter(owner -> !uids.contains(owner.getUid())).toList());
        write(item, "FailedToRemoveOwnerReferences", "remove its references to owners " + uids,
                () -> objects.update(item.kind(), copy));
    }

    /**
     * Writes the object without the finalizer. A conflict (the cached copy is stale) is retried at once on the
     * object as the API server has it, so removing a finalizer never waits out a back-off for the cache to catch up.
     */
    private void removeFinalizer(Item item, String finalizer) {
        HasMetadata copy = client.getKubernetesSerialization().clone(item.object());
        for (int attempt = 1; ; attempt++) {
            if (!finalizers(copy).contains(finalizer)) {
                return;
            }
            copy.getMetadata().setFinalizers(finalizers(copy).stream().filter(f -> !finalizer.equals(f)).toList());
            HasMetadata update = copy;
            try {
                write(item, "FailedToRemoveFinalizer", "remove its " + finalizer + " finalizer",
                        () -> objects.update(item.kind(), update));
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= FINALIZER_ATTEMPTS) {
                    throw e;
                }
            }
            copy = objects.live(item.kind(), item.object().getMetadata().getNamespace(), item.object().getMetadata().getName());
            if (copy == null || !copy.getMetadata().getUid().equals(item.object().getMetadata().getUid())) {
                return;
            }
        }
    }

    private static List<String> finalizers(HasMetadata object) {
        List<String> finalizers = object.getMetadata().getFinalizers();
        return finalizers == null ? List.of() : finalizers;
    }

    private static String describe(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null || namespace.isEmpty() ? object.getMetadata().getName()
                : namespace + "/" + object.getMetadata().getName();
    }
}
