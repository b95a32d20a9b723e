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
 * deletion; then removes the finalizer so the owner goes.
 */
public class GarbageCollectorReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(GarbageCollectorReconciler.class);
    private static final int FINALIZER_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final Informers informers;
    private final GcKinds kinds;
    private final EventRecorder events;
    private final Duration foregroundRecheck;

    /** @param foregroundRecheck how soon an owner waiting for blocking dependents is looked at again */
    public GarbageCollectorReconciler(KubernetesClient client, Informers informers, GcKinds kinds, EventRecorder events,
            Duration foregroundRecheck) {
        this.client = client;
        this.informers = informers;
        this.kinds = kinds;
        this.events = events;
        this.foregroundRecheck = foregroundRecheck;
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
        Optional<? extends HasMetadata> cached = informers.get(key.get().kind().type(), key.get().namespace(), key.get().name());
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
        collect(item);
        return Result.done();
    }

    /** Decides on an object that is not being deleted from the state of its owners, and acts. */
    private void collect(Item item) {
        List<OwnerReference> owners = item.object().getMetadata().getOwnerReferences();
        if (owners == null || owners.isEmpty()) {
            return;
        }
        Map<String, OwnerState> states = new HashMap<>();
        for (OwnerReference owner : owners) {
            states.put(owner.getUid(), ownerState(item, owner));
        }
        boolean hasDependents = !dependents(item.object().getMetadata().getUid()).isEmpty();
        GcDecision decision = GcDecision.decide(owners, states, hasDependents, finalizers(item.object()));
        switch (decision.action()) {
            case KEEP -> {
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
    }

    private OwnerState ownerState(Item item, OwnerReference owner) {
        Optional<GcKind> kind = kinds.find(owner.getApiVersion(), owner.getKind());
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
        Optional<? extends HasMetadata> found = informers.get(kind.get().type(), namespace, owner.getName())
                .filter(cached -> owner.getUid().equals(cached.getMetadata().getUid()));
        if (found.isEmpty()) {
            // The cache may lag behind a just-created owner: only the API server may say it is gone.
            found = Optional.ofNullable(live(kind.get(), namespace, owner.getName()))
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
        HasMetadata current = live(dependent.kind(), dependent.object().getMetadata().getNamespace(),
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
            for (HasMetadata object : informers.ownedBy(kind.type(), uid)) {
                dependents.add(new Item(kind, object));
            }
        }
        return dependents;
    }

    private HasMetadata live(GcKind kind, String namespace, String name) {
        if (kind.namespaced()) {
            return client.resources(kind.type()).inNamespace(namespace).withName(name).get();
        }
        return client.resources(kind.type()).withName(name).get();
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
        String apiVersion = HasMetadata.getApiVersion(kind.type());
        String prefix = kind.group().isEmpty() ? "/api/" + apiVersion : "/apis/" + apiVersion;
        String namespace = kind.namespaced() ? "/namespaces/" + object.getMetadata().getNamespace() : "";
        return prefix + namespace + "/" + HasMetadata.getPlural(kind.type()) + "/" + object.getMetadata().getName();
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
                () -> client.resource(copy).update());
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
                        () -> client.resource(update).update());
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= FINALIZER_ATTEMPTS) {
                    throw e;
                }
            }
            copy = live(item.kind(), item.object().getMetadata().getNamespace(), item.object().getMetadata().getName());
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
