package dev.keel.node.runtime;

/** A runtime call that failed; {@link #kind()} says how, so callers can tell "gone" from "try again". */
public class ContainerRuntimeException extends RuntimeException {

    /** How a call failed. */
    public enum Kind {
        /** The sandbox, container or image does not exist. */
        NOT_FOUND,
        /** The runtime could not be reached or did not answer in time. */
        UNAVAILABLE,
        /** The runtime refused or failed the operation. */
        FAILED
    }

    private final Kind kind;

    public ContainerRuntimeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ContainerRuntimeException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isNotFound() {
        return kind == Kind.NOT_FOUND;
    }
}
