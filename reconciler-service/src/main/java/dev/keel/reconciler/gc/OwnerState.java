package dev.keel.reconciler.gc;

/** What the garbage collector found at the far end of an ownerReference. */
public enum OwnerState {
    /** The owner exists with the referenced uid and is not deleting its dependents. */
    SOLID,
    /** No object with that name and uid exists: the reference dangles. */
    DANGLING,
    /** The owner is being deleted in the foreground: it waits for its dependents to go. */
    WAITING_FOR_DEPENDENTS,
    /** The owner's kind is not one the collector knows; the reference is left alone. */
    UNKNOWN_KIND
}
