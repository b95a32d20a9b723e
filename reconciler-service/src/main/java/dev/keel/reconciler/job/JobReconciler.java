package dev.keel.reconciler.job;

import dev.keel.reconciler.workload.Claims;
import dev.keel.reconciler.workload.PodTemplates;
import dev.keel.reconciler.workload.Pods;
import dev.keel.runtime.client.ApiErrors;
import dev.keel.runtime.controller.Expectations;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Job controller: runs up to parallelism pods until completions succeeded, replaces failed ones (after an
 * exponential back-off) until more than backoffLimit failed (with restartPolicy OnFailure, container restarts count), stops at activeDeadlineSeconds, and
 * deletes a finished job after ttlSecondsAfterFinished. Pods carry the job-tracking finalizer until counted.
 */
public final class JobReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(JobReconciler.class);

    private final KubernetesClient client;
    private final Informers informers;
    private final Expectations expectations;
    private final Claims claims;
    private final JobPodTracking tracking;
    private final PodFailureBackoff backoff;
    private final EventRecorder events;
    private final Clock clock;

    public JobReconciler(KubernetesClient client, Informers informers, Expectations expectations, PodFailureBackoff backoff,
            EventRecorder events, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.expectations = expectations;
        this.claims = new Claims(client);
        this.tracking = new JobPodTracking(client);
        this.backoff = backoff;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Result reconcile(Request request) {
        Optional<Job> cached = informers.get(Job.class, request.namespace(), request.name());
        if (cached.isEmpty()) {
            expectations.forget(request);
            releaseOrphans(request);
            return Result.done();
        }
        List<Pod> candidates = informers.list(Pod.class, request.namespace());
        Job job = cached.get();
        List<Pod> pods = claims.claim(job, job.getSpec().getSelector(), candidates);
        job = tracking.track(job, pods);
        Instant now = clock.instant();
        Optional<JobCondition> finished = finishedCondition(job);
        if (finished.isPresent()) {
            return afterFinish(job, finished.get(), now);
        }
        if (job.getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        List<Pod> active = pods.stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(pod -> !JobPodTracking.succeeded(pod) && !JobPodTracking.failed(pod))
                .toList();
        JobStatus status = job.getStatus() == null ? new JobStatus() : PodTemplates.copy(job.getStatus());
        boolean suspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
        Optional<String> suspension = JobSuspension.apply(status, suspended, now);
        if (status.getStartTime() == null && !suspended) {
            status.setStartTime(now.toString());
        }
        int succeeded = value(status.getSucceeded());
        int failed = value(status.getFailed());
        boolean onFailure = "OnFailure".equals(job.getSpec().getTemplate().getSpec().getRestartPolicy());
        int restarts = onFailure ? active.stream().mapToInt(Pods::restarts).sum() : 0;
        // A suspended job's deadline clock stops; it restarts on resume.
        Instant started = status.getStartTime() == null || suspended ? null : Instant.parse(status.getStartTime());
        Optional<JobOutcome> outcome = failedByPolicy(job, pods);
        if (outcome.isEmpty() && JobIndexing.indexed(job)) {
            outcome = JobDecisions.indexOutcome(job.getSpec(), JobIndexing.completed(job, status).size(),
                    JobIndexing.failed(job, status).size());
        }
        if (outcome.isEmpty()) {
            outcome = JobDecisions.outcome(succeeded, failed, active.size(), job.getSpec().getCompletions(),
                    value(job.getSpec().getBackoffLimit()), onFailure, restarts, started, job.getSpec().getActiveDeadlineSeconds(), now);
        }
        if (outcome.isPresent()) {
            return finish(job, status, outcome.get(), active, now);
        }
        int activeCount = active.size();
        Optional<Duration> backingOff = Optional.empty();
        if (expectations.satisfied(request)) {
            int want = JobIndexing.indexed(job)
                    ? suspended ? 0 : Math.min(value(job.getSpec().getParallelism()), JobIndexing.remaining(job))
                    : JobDecisions.wantActive(value(job.getSpec().getParallelism()), job.getSpec().getCompletions(), succeeded, suspended);
            backingOff = want > active.size() ? backoff.remaining(pods, now) : Optional.empty();
            if (want > active.size() && backingOff.isEmpty()) {
                activeCount += create(request, job, want - active.size(), active, pods);
            } else if (want < active.size()) {
                List<Pod> victims = active.stream()
                        .sorted(Comparator.comparing((Pod pod) -> Pods.isReady(pod)).thenComparing(pod -> pod.getMetadata().getName()))
                        .limit(active.size() - want)
                        .toList();
                delete(request, job, victims);
                activeCount -= victims.size();
            }
        }
        status.setActive(activeCount);
        status.setReady((int) active.stream().filter(Pods::isReady).count());
        writeStatus(job, status);
        Job written = job;
        suspension.ifPresent(reason -> events.normal(written, reason, "Suspended".equals(reason) ? "Job suspended" : "Job resumed"));
        Optional<Duration> deadline = started == null || job.getSpec().getActiveDeadlineSeconds() == null ? Optional.empty()
                : Optional.of(Duration.between(now, started.plusSeconds(job.getSpec().getActiveDeadlineSeconds())));
        return Stream.concat(backingOff.stream(), deadline.stream())
                .map(left -> left.isNegative() ? Duration.ZERO : left)
                .min(Comparator.naturalOrder())
                .map(Result::requeueAfter)
                .orElse(Result.done());
    }

    private Result finish(Job job, JobStatus status, JobOutcome outcome, List<Pod> active, Instant now) {
        String stamp = now.toString();
        List<JobCondition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        conditions.add(new JobConditionBuilder().withType(outcome.type()).withStatus("True").withReason(outcome.reason())
                .withMessage(outcome.message()).withLastProbeTime(stamp).withLastTransitionTime(stamp).build());
        status.setConditions(conditions);
        status.setActive(0);
        status.setReady(0);
        if (JobOutcome.COMPLETE.equals(outcome.type())) {
            status.setCompletionTime(stamp);
        }
        // The job's end is written first: the pods it kills then count as failed, never as a reason to start more.
        writeStatus(job, status);
        for (Pod pod : active) {
            deletePod(pod);
        }
        log.info("Job {}/{} finished: {} ({})", job.getMetadata().getNamespace(), job.getMetadata().getName(),
                outcome.type(), outcome.reason());
        if (JobOutcome.COMPLETE.equals(outcome.type())) {
            events.normal(job, "Completed", "Job completed");
        } else {
            events.warning(job, outcome.reason(), outcome.message());
        }
        return Result.done();
    }

    /** A finished job's remaining pods are stopped; ttlSecondsAfterFinished deletes the job when it runs out. */
    private Result afterFinish(Job job, JobCondition finished, Instant now) {
        Long ttl = job.getSpec().getTtlSecondsAfterFinished() == null ? null : job.getSpec().getTtlSecondsAfterFinished().longValue();
        if (ttl == null || job.getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        Instant expiry = Instant.parse(finished.getLastTransitionTime()).plusSeconds(ttl);
        if (expiry.isAfter(now)) {
            return Result.requeueAfter(Duration.between(now, expiry));
        }
        try {
            // Foreground, as Kubernetes' TTL-after-finished controller: the job stays until its pods are gone.
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                    .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND).delete();
            log.info("Deleted job {}/{}: finished more than {} s ago", job.getMetadata().getNamespace(), job.getMetadata().getName(), ttl);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
        return Result.done();
    }

    private int create(Request key, Job job, int wanted, List<Pod> active, List<Pod> pods) {
        List<Integer> indexes = JobIndexing.indexed(job) ? JobIndexing.pending(job, active, wanted) : List.of();
        int count = JobIndexing.indexed(job) ? indexes.size() : wanted;
        expectations.expectCreations(key, count);
        int created = 0;
        for (int i = 0; i < count; i++) {
            Pod pod = PodTemplates.podFrom(job.getSpec().getTemplate(), job, job.getMetadata().getName() + "-");
            if (JobIndexing.indexed(job)) {
                JobIndexing.assign(pod, job, indexes.get(i), pods);
            }
            pod.getMetadata().setFinalizers(List.of(JobPodTracking.FINALIZER));
            try {
                Pod made = client.pods().inNamespace(job.getMetadata().getNamespace()).resource(pod).create();
                created++;
                events.normal(job, "SuccessfulCreate", "Created pod: " + made.getMetadata().getName());
            } catch (KubernetesClientException e) {
                for (int left = i; left < count; left++) {
                    expectations.creationObserved(key);
                }
                events.warning(job, "FailedCreate", "Error creating: " + ApiErrors.message(e));
                throw e;
            }
        }
        return created;
    }

    private void delete(Request key, Job job, List<Pod> victims) {
        expectations.expectDeletions(key, victims.stream().map(pod -> pod.getMetadata().getUid()).toList());
        for (Pod victim : victims) {
            try {
                deletePod(victim);
            } catch (KubernetesClientException e) {
                expectations.deletionObserved(key, victim.getMetadata().getUid());
                throw e;
            }
            events.normal(job, "SuccessfulDelete", "Deleted pod: " + victim.getMetadata().getName());
        }
    }

    private void deletePod(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** Pods of a job that is gone keep no finalizer of ours, or they could never be deleted. */
    private void releaseOrphans(Request request) {
        for (Pod pod : informers.list(Pod.class, request.namespace())) {
            boolean ours = pod.getMetadata().getLabels() != null
                    && request.name().equals(pod.getMetadata().getLabels().get("batch.kubernetes.io/job-name"));
            boolean ownerGone = pod.getMetadata().getOwnerReferences() == null || pod.getMetadata().getOwnerReferences().stream()
                    .noneMatch(owner -> "Job".equals(owner.getKind()) && informers.get(Job.class, request.namespace(), owner.getName())
                            .map(job -> job.getMetadata().getUid().equals(owner.getUid())).orElse(false));
            if (ours && ownerGone && JobPodTracking.hasFinalizer(pod)) {
                tracking.removeFinalizer(pod);
            }
        }
    }

    /** A failed pod that a FailJob rule of the podFailurePolicy matches fails the job. */
    private static Optional<JobOutcome> failedByPolicy(Job job, List<Pod> pods) {
        return pods.stream()
                .filter(JobPodTracking::failed)
                .map(pod -> PodFailurePolicies.match(job.getSpec(), pod))
                .flatMap(Optional::stream)
                .filter(match -> PodFailurePolicies.FAIL_JOB.equals(match.action()))
                .findFirst()
                .map(match -> JobOutcome.podFailurePolicy(match.message()));
    }

    private static Optional<JobCondition> finishedCondition(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(condition -> JobOutcome.COMPLETE.equals(condition.getType()) || JobOutcome.FAILED.equals(condition.getType()))
                .filter(condition -> "True".equals(condition.getStatus()))
                .findFirst();
    }

    private void writeStatus(Job job, JobStatus status) {
        if (Objects.equals(job.getStatus(), status)) {
            return;
        }
        Job updated = PodTemplates.copy(job);
        updated.setStatus(status);
        client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(updated).updateStatus();
    }

    private static int value(Integer number) {
        return number == null ? 0 : number;
    }
}
