package dev.keel.reconciler.gc;

import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the garbage collector does with an object that has owners, decided from the state of each owner as
 * Kubernetes decides it: an object with a live owner stays (references to gone or foreground-deleting owners are
 * dropped from it); an object whose owners are all gone is deleted.
 *
 * @param action          what to do
 * @param removeOwnerUids for {@link Action#REMOVE_REFERENCES}: the owner uids to drop
 * @param propagation     for {@link Action#DELETE}: the propagation policy of the delete
 */
public record GcDecision(Action action, List<String> removeOwnerUids, String propagation) {

    public static final String ORPHAN_FINALIZER = "orphan";
    public static final String FOREGROUND_FINALIZER = "foregroundDeletion";

    public enum Action { KEEP, REMOVE_REFERENCES, DELETE }

    static final GcDecision KEEP = new GcDecision(Action.KEEP, List.of(), null);

    /**
     * @param owners         the object's ownerReferences
     * @param states         the state of each owner, by uid
     * @param hasDependents  whether the object itself owns other objects
     * @param finalizers     the object's own finalizers
     */
    public static GcDecision decide(List<OwnerReference> owners, Map<String, OwnerState> states, boolean hasDependents,
            List<String> finalizers) {
        if (owners == null || owners.isEmpty()) {
            return KEEP;
        }
        boolean solid = false;
        boolean waiting = false;
        List<String> gone = new ArrayList<>();
        for (OwnerReference owner : owners) {
            OwnerState state = states.getOrDefault(owner.getUid(), OwnerState.UNKNOWN_KIND);
            switch (state) {
                case SOLID, UNKNOWN_KIND -> solid = true;
                case DANGLING -> gone.add(owner.getUid());
                case WAITING_FOR_DEPENDENTS -> {
                    waiting = true;
                    gone.add(owner.getUid());
                }
            }
        }
        if (solid) {
            return gone.isEmpty() ? KEEP : new GcDecision(Action.REMOVE_REFERENCES, List.copyOf(gone), null);
        }
        if (waiting && hasDependents) {
            // Its owner waits for it, so it waits for its own dependents in turn.
            return new GcDecision(Action.DELETE, List.of(), "Foreground");
        }
        List<String> own = finalizers == null ? List.of() : finalizers;
        String policy = own.contains(ORPHAN_FINALIZER) ? "Orphan"
                : own.contains(FOREGROUND_FINALIZER) ? "Foreground" : "Background";
        return new GcDecision(Action.DELETE, List.of(), policy);
    }
}
