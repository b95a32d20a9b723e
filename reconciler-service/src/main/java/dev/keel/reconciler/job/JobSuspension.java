package dev.keel.reconciler.job;

import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Suspended condition, as Kubernetes keeps it: True (JobSuspended) while spec.suspend holds, False (JobResumed)
 * once it is lifted, when the job's startTime restarts so the time suspended does not count toward
 * activeDeadlineSeconds.
 */
final class JobSuspension {

    static final String SUSPENDED = "Suspended";

    private JobSuspension() {
    }

    /** Brings {@code status} in line with {@code suspended}; returns the event reason if it changed. */
    static Optional<String> apply(JobStatus status, boolean suspended, Instant now) {
        boolean wasSuspended = status.getConditions() != null && status.getConditions().stream()
                .anyMatch(condition -> SUSPENDED.equals(condition.getType()) && "True".equals(condition.getStatus()));
        if (suspended == wasSuspended) {
            return Optional.empty();
        }
        String stamp = now.toString();
        List<JobCondition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        conditions.removeIf(condition -> SUSPENDED.equals(condition.getType()));
        conditions.add(new JobConditionBuilder().withType(SUSPENDED).withStatus(suspended ? "True" : "False")
                .withReason(suspended ? "JobSuspended" : "JobResumed").withMessage(suspended ? "Job suspended" : "Job resumed")
                .withLastProbeTime(stamp).withLastTransitionTime(stamp).build());
        status.setConditions(conditions);
        if (!suspended) {
            status.setStartTime(stamp);
        }
        return Optional.of(suspended ? "Suspended" : "Resumed");
    }
}
