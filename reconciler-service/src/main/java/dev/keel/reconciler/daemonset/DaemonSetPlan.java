package dev.keel.reconciler.daemonset;

import java.util.List;

/** The pods a DaemonSet pass creates (by node) and deletes (by name). */
public record DaemonSetPlan(List<String> createOn, List<String> delete) {

    public boolean isEmpty() {
        return createOn.isEmpty() && delete.isEmpty();
    }
}
