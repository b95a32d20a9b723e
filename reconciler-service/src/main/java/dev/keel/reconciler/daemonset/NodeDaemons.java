package dev.keel.reconciler.daemonset;

import java.util.List;

/**
 * One node as the DaemonSet planner sees it.
 *
 * @param node        the node's name
 * @param eligibility whether the daemon belongs there
 * @param pods        its daemon pods that are not terminating, oldest first
 * @param terminating whether a daemon pod is still terminating there (a new one waits for it)
 */
public record NodeDaemons(String node, DaemonEligibility eligibility, List<DaemonPod> pods, boolean terminating) {
}
