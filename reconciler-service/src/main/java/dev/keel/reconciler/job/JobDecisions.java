package dev.keel.reconciler.job;

import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.time.Instant;
import java.util.Optional;

/** The pure decisions of the Job controller, as Kubernetes makes them. */
public final class JobDecisions {

    private JobDecisions() {
    }

    /**
     * How many pods should be running: parallelism, but never more than the completions still missing; none while
     * suspended. Without completions (a work queue) every parallel pod runs until one succeeds.
     */
    public static int wantActive(int parallelism, Integer completions, int succeeded, boolean suspended) {
        if (suspended) {
            return 0;
        }
        if (completions == null) {
            return succeeded > 0 ? 0 : parallelism;
        }
        return Math.max(0, Math.min(parallelism, completions - succeeded));
    }

    /**
     * Whether the job is finished. It fails once more pods failed than backoffLimit allows (with restartPolicy
     * OnFailure the restarts of its running pods count too: it fails when they reach the limit) or once it ran past
     * activeDeadlineSeconds; it completes once enough pods succeeded (without completions: once one did and none
     * is left running).
     */
    public static Optional<JobOutcome> outcome(int succeeded, int failed, int active, Integer completions, int backoffLimit,
            boolean restartOnFailure, int restarts, Instant startTime, Long activeDeadlineSeconds, Instant now) {
        if (failed > backoffLimit || restartOnFailure && (backoffLimit == 0 ? restarts > 0 : restarts >= backoffLimit)) {
            return Optional.of(JobOutcome.backoffLimitExceeded());
        }
        if (startTime != null && activeDeadlineSeconds != null && !startTime.plusSeconds(activeDeadlineSeconds).isAfter(now)) {
            return Optional.of(JobOutcome.deadlineExceeded());
        }
        boolean complete = completions == null ? succeeded > 0 && active == 0 : succeeded >= completions;
        return complete ? Optional.of(JobOutcome.complete()) : Optional.empty();
    }

    /**
     * How an Indexed job ends: complete once every index completed; with backoffLimitPerIndex, failed once more
     * indexes failed than maxFailedIndexes allows, or once every index finished and some failed.
     */
    public static Optional<JobOutcome> indexOutcome(JobSpec spec, int completedIndexes, int failedIndexes) {
        int completions = spec.getCompletions();
        if (spec.getMaxFailedIndexes() != null && failedIndexes > spec.getMaxFailedIndexes()) {
            return Optional.of(JobOutcome.maxFailedIndexesExceeded());
        }
        if (completedIndexes + failedIndexes >= completions) {
            return Optional.of(failedIndexes > 0 ? JobOutcome.failedIndexes() : JobOutcome.complete());
        }
        return Optional.empty();
    }
}
