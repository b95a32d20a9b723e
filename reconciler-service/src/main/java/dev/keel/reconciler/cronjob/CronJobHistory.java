package dev.keel.reconciler.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** successfulJobsHistoryLimit and failedJobsHistoryLimit: the oldest finished Jobs beyond them are deleted. */
final class CronJobHistory {

    /** Deletes one Job of the CronJob (and drops it from status.active); false if the delete failed. */
    interface JobDeleter {
        boolean delete(CronJob cronJob, String name, String uid);
    }

    /** Kubernetes' byJobStartTime: by start time (unstarted last), then by name. */
    private static final Comparator<Job> OLDEST_FIRST = Comparator
            .comparing((Job job) -> startTime(job).orElse(Instant.MAX))
            .thenComparing(job -> job.getMetadata().getName());

    private CronJobHistory() {
    }

    static void trim(CronJob cronJob, List<Job> jobs, JobDeleter deleter) {
        Integer successfulLimit = cronJob.getSpec().getSuccessfulJobsHistoryLimit();
        Integer failedLimit = cronJob.getSpec().getFailedJobsHistoryLimit();
        if (successfulLimit != null) {
            removeOldest(cronJob, jobs.stream().filter(job -> finishedCondition(job).filter("Complete"::equals).isPresent()).toList(),
                    successfulLimit, deleter);
        }
        if (failedLimit != null) {
            removeOldest(cronJob, jobs.stream().filter(job -> finishedCondition(job).filter("Failed"::equals).isPresent()).toList(),
                    failedLimit, deleter);
        }
    }

    /** "Complete" or "Failed" once the Job has that condition True. */
    static Optional<String> finishedCondition(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(condition -> "True".equals(condition.getStatus()))
                .map(condition -> condition.getType())
                .filter(type -> "Complete".equals(type) || "Failed".equals(type))
                .findFirst();
    }

    private static void removeOldest(CronJob cronJob, List<Job> finished, int limit, JobDeleter deleter) {
        int excess = finished.size() - limit;
        if (excess <= 0) {
            return;
        }
        finished.stream()
                .filter(job -> job.getMetadata().getDeletionTimestamp() == null)
                .sorted(OLDEST_FIRST)
                .limit(excess)
                .forEach(job -> deleter.delete(cronJob, job.getMetadata().getName(), job.getMetadata().getUid()));
    }

    private static Optional<Instant> startTime(Job job) {
        return job.getStatus() == null || job.getStatus().getStartTime() == null ? Optional.empty()
                : Optional.of(Instant.parse(job.getStatus().getStartTime()));
    }
}
