package dev.keel.reconciler.cronjob;

import dev.keel.reconciler.workload.PodTemplates;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.objects.Owners;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CronJob controller, after Kubernetes' (cronjob_controllerv2): keeps status.active in line with the Jobs it
 * owns, records lastSuccessfulTime, starts the Job of the latest activation due (named {@code <cronjob>-<minutes since
 * the epoch>}, so a repeated reconcile cannot start it twice) unless suspended, past startingDeadlineSeconds or
 * forbidden by concurrencyPolicy (Replace deletes the running ones first), trims finished Jobs to the history limits,
 * and asks to be woken at the next activation instead of polling.
 */
public final class CronJobReconciler implements Reconciler {

    public static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    private static final Logger log = LoggerFactory.getLogger(CronJobReconciler.class);
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final DateTimeFormatter RFC1123Z = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final KubernetesClient client;
    private final Informers informers;
    private final EventRecorder events;
    private final Clock clock;
    private final ZoneId localZone;

    /** @param localZone the zone of schedules without spec.timeZone (Kubernetes: the controller manager's own) */
    public CronJobReconciler(KubernetesClient client, Informers informers, EventRecorder events, Clock clock, ZoneId localZone) {
        this.client = client;
        this.informers = informers;
        this.events = events;
        this.clock = clock;
        this.localZone = localZone;
    }

    @Override
    public Result reconcile(Request request) {
        Optional<CronJob> cached = informers.get(CronJob.class, request.namespace(), request.name());
        if (cached.isEmpty()) {
            return Result.done();
        }
        CronJob cronJob = PodTemplates.copy(cached.get());
        CronJobStatus before = PodTemplates.copy(status(cronJob));
        List<Job> jobs = informers.list(Job.class, request.namespace()).stream()
                .filter(job -> Owners.isControlledBy(job, cronJob.getMetadata().getUid()))
                .toList();
        Instant now = clock.instant();
        trackJobs(cronJob, jobs);
        Optional<Result> result = cronJob.getMetadata().getDeletionTimestamp() != null ? Optional.of(Result.done())
                : Optional.empty();
        if (result.isEmpty()) {
            result = Optional.of(schedule(cronJob, now));
        }
        CronJobHistory.trim(cronJob, jobs, this::deleteJob);
        if (!Objects.equals(before, status(cronJob))) {
            client.batch().v1().cronjobs().inNamespace(request.namespace()).resource(cronJob).updateStatus();
        }
        return result.get();
    }

    /** Finished Jobs leave status.active, vanished ones too; the latest success is remembered. */
    private void trackJobs(CronJob cronJob, List<Job> jobs) {
        CronJobStatus status = status(cronJob);
        for (Job job : jobs) {
            boolean listed = isActive(cronJob, job.getMetadata().getUid());
            Optional<String> finished = CronJobHistory.finishedCondition(job);
            if (!listed && finished.isEmpty()) {
                // The cache may hold the Job before the status that lists it: only the live CronJob can tell.
                CronJob live = client.batch().v1().cronjobs().inNamespace(cronJob.getMetadata().getNamespace())
                        .withName(cronJob.getMetadata().getName()).get();
                if (live == null || live.getStatus() == null || live.getStatus().getActive() == null || live.getStatus().getActive()
                        .stream().noneMatch(ref -> job.getMetadata().getUid().equals(ref.getUid()))) {
                    events.warning(cronJob, "UnexpectedJob", "Saw a job that the controller did not create or forgot: "
                            + job.getMetadata().getName());
                }
            } else if (listed && finished.isPresent()) {
                removeActive(cronJob, job.getMetadata().getUid());
                events.normal(cronJob, "SawCompletedJob", "Saw completed job: " + job.getMetadata().getName() + ", condition: " + finished.get());
            }
            if (finished.filter("Complete"::equals).isPresent() && job.getStatus() != null && job.getStatus().getCompletionTime() != null) {
                Instant completed = Instant.parse(job.getStatus().getCompletionTime());
                if (status.getLastSuccessfulTime() == null || completed.isAfter(Instant.parse(status.getLastSuccessfulTime()))) {
                    status.setLastSuccessfulTime(job.getStatus().getCompletionTime());
                }
            }
        }
        for (ObjectReference active : List.copyOf(status.getActive())) {
            boolean owned = jobs.stream().anyMatch(job -> job.getMetadata().getUid().equals(active.getUid()));
            // The cache may lag behind a Job just created: only the API server can say it is gone.
            if (!owned && client.batch().v1().jobs().inNamespace(active.getNamespace()).withName(active.getName()).get() == null) {
                events.normal(cronJob, "MissingJob", "Active job went missing: " + active.getName());
                removeActive(cronJob, active.getUid());
            }
        }
    }

    private Result schedule(CronJob cronJob, Instant now) {
        String name = cronJob.getMetadata().getNamespace() + "/" + cronJob.getMetadata().getName();
        ZoneId zone = localZone;
        String timeZone = cronJob.getSpec().getTimeZone();
        if (timeZone != null) {
            try {
                zone = ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                events.warning(cronJob, "UnknownTimeZone", "invalid timeZone: \"" + timeZone + "\": " + e.getMessage());
                return Result.done();
            }
        }
        if (Boolean.TRUE.equals(cronJob.getSpec().getSuspend())) {
            log.debug("CronJob {} is suspended", name);
            return Result.done();
        }
        String spec = cronJob.getSpec().getSchedule();
        if (timeZone != null && spec.contains("TZ")) {
            events.warning(cronJob, "UnsupportedSchedule", "CRON_TZ or TZ used in schedule \"" + spec
                    + "\" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details");
        }
        CronSchedule schedule;
        try {
            schedule = CronSchedule.parse(spec, zone);
        } catch (IllegalArgumentException | DateTimeException e) {
            events.warning(cronJob, "UnparseableSchedule", "unparseable schedule: \"" + spec + "\" : " + e.getMessage());
            return Result.done();
        }
        CronJobStatus status = status(cronJob);
        Instant created = Instant.parse(cronJob.getMetadata().getCreationTimestamp());
        Instant lastScheduled = status.getLastScheduleTime() == null ? null : Instant.parse(status.getLastScheduleTime());
        ScheduleTimes.MostRecent due = ScheduleTimes.mostRecent(schedule, created, lastScheduled,
                cronJob.getSpec().getStartingDeadlineSeconds(), now);
        Result next = ScheduleTimes.untilNext(schedule, created, lastScheduled, now).map(Result::requeueAfter).orElse(Result.done());
        if (due.mostRecent().isEmpty()) {
            return next;
        }
        if (due.tooManyMissed()) {
            events.warning(cronJob, "TooManyMissedTimes",
                    "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
            log.info("CronJob {} missed about {} start times", name, due.missed());
        }
        Instant scheduled = due.mostRecent().get();
        Long deadline = cronJob.getSpec().getStartingDeadlineSeconds();
        if (deadline != null && scheduled.plusSeconds(deadline).isBefore(now)) {
            events.warning(cronJob, "MissSchedule", "Missed scheduled time to start a job: " + RFC1123Z.format(scheduled.atZone(java.time.ZoneOffset.UTC)));
            return next;
        }
        String jobName = jobName(cronJob, scheduled);
        if (status.getActive().stream().anyMatch(ref -> jobName.equals(ref.getName())) || scheduled.equals(lastScheduled)) {
            log.debug("CronJob {}: the job of {} is already started", name, scheduled);
            return next;
        }
        String policy = cronJob.getSpec().getConcurrencyPolicy();
        if ("Forbid".equals(policy) && !status.getActive().isEmpty()) {
            events.normal(cronJob, "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
            return next;
        }
        if ("Replace".equals(policy)) {
            for (ObjectReference active : List.copyOf(status.getActive())) {
                // As kube: no new Job beside one that could not be replaced; the error requeues with back-off.
                if (!deleteJob(cronJob, active.getName(), active.getUid())) {
                    throw new IllegalStateException("CronJob " + name + ": cannot replace job " + active.getName()
                            + " (its deletion failed), so the job of " + scheduled + " is not started yet");
                }
            }
        }
        Job job = JobFromTemplate.of(cronJob, jobName, RFC3339.format(scheduled.atZone(schedule.zone())));
        Job started;
        try {
            started = client.batch().v1().jobs().inNamespace(cronJob.getMetadata().getNamespace()).resource(job).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                events.warning(cronJob, "FailedCreate", "Error creating job: " + e.getMessage());
                throw e;
            }
            // Created before, by this controller whose status write then failed (a conflict, a restart): record it now.
            started = client.batch().v1().jobs().inNamespace(cronJob.getMetadata().getNamespace()).withName(jobName).get();
            if (started == null || !Owners.isControlledBy(started, cronJob.getMetadata().getUid())) {
                log.info("CronJob {}: job {} already exists and is not its own", name, jobName);
                return next;
            }
            recordStarted(status, started, scheduled);
            return next;
        }
        events.normal(cronJob, "SuccessfulCreate", "Created job " + jobName);
        log.info("CronJob {} started job {} for {}", name, jobName, scheduled);
        recordStarted(status, started, scheduled);
        return next;
    }

    private static void recordStarted(CronJobStatus status, Job job, Instant scheduled) {
        List<ObjectReference> active = new ArrayList<>(status.getActive());
        active.removeIf(ref -> job.getMetadata().getUid().equals(ref.getUid()));
        active.add(new ObjectReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                .withNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid()).withResourceVersion(job.getMetadata().getResourceVersion()).build());
        status.setActive(active);
        status.setLastScheduleTime(scheduled.toString());
    }

    /** {@code <cronjob>-<scheduled time in minutes since the epoch>}, as Kubernetes names them. */
    static String jobName(CronJob cronJob, Instant scheduled) {
        return cronJob.getMetadata().getName() + "-" + Math.floorDiv(scheduled.getEpochSecond(), 60);
    }

    private boolean deleteJob(CronJob cronJob, String jobName, String uid) {
        try {
            client.batch().v1().jobs().inNamespace(cronJob.getMetadata().getNamespace()).withName(jobName)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                events.warning(cronJob, "FailedDelete", "Deleted job: " + e.getMessage());
                return false;
            }
        }
        removeActive(cronJob, uid);
        events.normal(cronJob, "SuccessfulDelete", "Deleted job " + jobName);
        return true;
    }

    private static boolean isActive(CronJob cronJob, String uid) {
        return status(cronJob).getActive().stream().anyMatch(ref -> uid.equals(ref.getUid()));
    }

    private static void removeActive(CronJob cronJob, String uid) {
        CronJobStatus status = status(cronJob);
        List<ObjectReference> active = new ArrayList<>(status.getActive());
        active.removeIf(ref -> uid.equals(ref.getUid()));
        status.setActive(active);
    }

    private static CronJobStatus status(CronJob cronJob) {
        if (cronJob.getStatus() == null) {
            cronJob.setStatus(new CronJobStatus());
        }
        if (cronJob.getStatus().getActive() == null) {
            cronJob.getStatus().setActive(new ArrayList<>());
        }
        return cronJob.getStatus();
    }
}
