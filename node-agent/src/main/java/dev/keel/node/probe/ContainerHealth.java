package dev.keel.node.probe;

/**
 * What the probes say about a running container instance.
 *
 * @param started    the startup probe passed (or there is none)
 * @param ready      started and the readiness probe passes (or there is none)
 * @param killReason "liveness" or "startup" when that probe failed for good and the container must be restarted
 */
public record ContainerHealth(boolean started, boolean ready, String killReason) {

    public static final ContainerHealth NO_PROBES = new ContainerHealth(true, true, null);
}
