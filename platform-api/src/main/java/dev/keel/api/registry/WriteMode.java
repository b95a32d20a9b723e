package dev.keel.api.registry;

/**
 * How {@link ObjectWriter#update} treats a write: whether a missing object is created, and whether the writer
 * records the field manager's managedFields entry or the change has already settled ownership itself.
 */
public enum WriteMode {

    /** PUT or a patch of an existing object: 404 when it is missing; the field manager's entry is recorded. */
    UPDATE(false, true),
    /** Server-side apply of an existing object (or a subresource of it): ownership comes from the apply itself. */
    APPLY(false, false),
    /** Server-side apply of the main resource: a missing object is created from the applied configuration. */
    APPLY_CREATING(true, false),
    /**
     * A write the server makes on a client's behalf that records no managedFields entry, as kube-apiserver's binding
     * writes a pod straight to storage.
     */
    WITHOUT_MANAGED_FIELDS(false, false);

    private final boolean createsIfAbsent;
    private final boolean recordsManagedFields;

    WriteMode(boolean createsIfAbsent, boolean recordsManagedFields) {
        this.createsIfAbsent = createsIfAbsent;
        this.recordsManagedFields = recordsManagedFields;
    }

    /** Whether a missing object is created from {@code change.apply(null)} instead of answering 404. */
    public boolean createsIfAbsent() {
        return createsIfAbsent;
    }

    /** Whether the writer records the field manager's managedFields entry after admission. */
    public boolean recordsManagedFields() {
        return recordsManagedFields;
    }

    /** The mode of a server-side apply: creating only on the main resource, as Kubernetes does. */
    public static WriteMode apply(String subresource) {
        return subresource == null ? APPLY_CREATING : APPLY;
    }
}
