package dev.keel.runtime.reconcile;

/**
 * A level-triggered control loop for one kind. Given a key, it re-reads the current state (never trusting the event
 * that woke it), compares it with the desired state and acts, so a missed, repeated or reordered event does no harm
 * and a restart at any moment converges to the same result.
 */
@FunctionalInterface
public interface Reconciler {

    /**
     * Brings the object named by {@code request} (which may no longer exist) towards its desired state.
     *
     * @throws TerminalReconcileException when retrying cannot help (logged, not retried until the next change)
     * @throws Exception any other failure: the key is retried with per-key exponential back-off
     */
    Result reconcile(Request request) throws Exception;
}
