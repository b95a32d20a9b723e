package dev.keel.runtime.reconcile;

/** A failure that retrying cannot mend (e.g. an invalid spec): reported, and not retried until the object changes. */
public class TerminalReconcileException extends RuntimeException {

    public TerminalReconcileException(String message) {
        super(message);
    }

    public TerminalReconcileException(String message, Throwable cause) {
        super(message, cause);
    }
}
