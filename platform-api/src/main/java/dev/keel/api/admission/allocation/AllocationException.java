package dev.keel.api.admission.allocation;

/** A value could not be allocated; {@link #reason()} says why, for callers to word for their users. */
public class AllocationException extends RuntimeException {

    /** Why an allocation failed. */
    public enum Reason { NOT_IN_RANGE, ALREADY_ALLOCATED, FULL }

    private final Reason reason;

    public AllocationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
