package dev.keel.reconciler.disruption;

/** The controller whose scale counts for a pod (a Deployment for its ReplicaSets' pods) and that scale. */
public record ControllerScale(String uid, int scale) {
}
