package dev.keel.reconciler.job;

/** How a job ended: the condition type (Complete or Failed) with its reason and message. */
public record JobOutcome(String type, String reason, String message) {

    public static final String COMPLETE = "Complete";
    public static final String FAILED = "Failed";

    static JobOutcome complete() {
        return new JobOutcome(COMPLETE, "CompletionsReached", "Reached expected number of succeeded pods");
    }

    static JobOutcome backoffLimitExceeded() {
        return new JobOutcome(FAILED, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
    }

    static JobOutcome podFailurePolicy(String message) {
        return new JobOutcome(FAILED, "PodFailurePolicy", message);
    }

    static JobOutcome maxFailedIndexesExceeded() {
        return new JobOutcome(FAILED, "MaxFailedIndexesExceeded", "Job has exceeded the specified maximal number of failed indexes");
    }

    static JobOutcome failedIndexes() {
        return new JobOutcome(FAILED, "FailedIndexes", "Job has failed indexes");
    }

    static JobOutcome deadlineExceeded() {
        return new JobOutcome(FAILED, "DeadlineExceeded", "Job was active longer than specified deadline");
    }
}
