package dev.keel.reconciler.daemonset;

/**
 * What the planner needs to know of one daemon pod that is not terminating.
 *
 * @param name      the pod's name
 * @param updated   it runs the DaemonSet's current template
 * @param ready     Ready
 * @param available ready for minReadySeconds
 * @param failed    phase Failed (or Succeeded): to be replaced
 */
public record DaemonPod(String name, boolean updated, boolean ready, boolean available, boolean failed) {
}
