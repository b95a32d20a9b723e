package dev.keel.reconciler.statefulset;

/**
 * What the planner needs to know of one StatefulSet pod.
 *
 * @param ordinal   the pod's ordinal ({@code <set>-<ordinal>})
 * @param revision  its controller-revision-hash label
 * @param terminating being deleted
 * @param healthy   Running and Ready, not terminating
 * @param finished  phase Succeeded or Failed: it must be replaced
 */
public record Replica(int ordinal, String revision, boolean terminating, boolean healthy, boolean finished) {
}
