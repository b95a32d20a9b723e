package dev.keel.scheduler.scheduling;

import dev.keel.scheduler.framework.Status;

/**
 * The outcome of looking for a node: exactly one of a node, a diagnosis (no node fit) or an error.
 *
 * @param node      the chosen node
 * @param evaluated nodes filtered
 * @param feasible  nodes that passed the filters
 * @param diagnosis why no node fit
 * @param error     a fault in a plugin
 */
public record ScheduleAttempt(String node, int evaluated, int feasible, Diagnosis diagnosis, Status error) {

    static ScheduleAttempt chose(String node, int evaluated, int feasible) {
        return new ScheduleAttempt(node, evaluated, feasible, null, null);
    }

    static ScheduleAttempt unschedulable(Diagnosis diagnosis) {
        return new ScheduleAttempt(null, diagnosis.totalNodes(), 0, diagnosis, null);
    }

    static ScheduleAttempt failed(Status error) {
        return new ScheduleAttempt(null, 0, 0, null, error);
    }

    public boolean scheduled() {
        return node != null;
    }
}
