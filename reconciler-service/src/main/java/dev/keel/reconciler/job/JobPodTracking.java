package dev.keel.reconciler.job;

import dev.keel.reconciler.workload.PodTemplates;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Counts a job's finished pods exactly once, with Kubernetes' job-tracking finalizer: a pod keeps the finalizer
 * until it is counted, so it cannot vanish uncounted. A finished pod's UID is first written to
 * status.uncountedTerminatedPods, then its finalizer is removed, then the UIDs move into succeeded/failed. A
 * restart anywhere in between resumes from what the status and the pods say. A pod deleted before it succeeded
 * counts as failed.
 */
public final class JobPodTracking {

    public static final String FINALIZER = "batch.kubernetes.io/job-tracking";

    private final KubernetesClient client;
    /** UIDs whose finalizer this process removed, until the cache shows it gone: a stale pod is not counted twice. */
    private final Set<String> released = ConcurrentHashMap.newKeySet();

    public JobPodTracking(KubernetesClient client) {
        this.client = client;
    }

    public static boolean hasFinalizer(Pod pod) {
        return pod.getMetadata().getFinalizers() != null && pod.getMetadata().getFinalizers().contains(FINALIZER);
    }

    public static boolean succeeded(Pod pod) {
        return pod.getStatus() != null && "Succeeded".equals(pod.getStatus().getPhase());
    }

    /** Failed, or deleted before it could succeed. */
    public static boolean failed(Pod pod) {
        return pod.getStatus() != null && "Failed".equals(pod.getStatus().getPhase())
                || !succeeded(pod) && pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** Counts the finished pods among {@code pods}; returns the job as last written (or {@code job} if unchanged). */
    public Job track(Job job, List<Pod> pods) {
        pods.stream().filter(pod -> !hasFinalizer(pod)).forEach(pod -> released.remove(pod.getMetadata().getUid()));
        JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
        UncountedTerminatedPods uncounted = status.getUncountedTerminatedPods() == null
                ? new UncountedTerminatedPods() : status.getUncountedTerminatedPods();
        Set<String> uncountedSucceeded = new LinkedHashSet<>(uncounted.getSucceeded() == null ? List.of() : uncounted.getSucceeded());
        Set<String> uncountedFailed = new LinkedHashSet<>(uncounted.getFailed() == null ? List.of() : uncounted.getFailed());
        boolean recorded = false;
        List<Pod> toRelease = new ArrayList<>();
        for (Pod pod : pods) {
            String uid = pod.getMetadata().getUid();
            if (!hasFinalizer(pod) || released.contains(uid)) {
                continue;
            }
            if (uncountedSucceeded.contains(uid) || uncountedFailed.contains(uid)) {
                toRelease.add(pod);
            } else if (succeeded(pod)) {
                recorded |= uncountedSucceeded.add(uid);
                toRelease.add(pod);
            } else if (failed(pod)) {
                recorded |= uncountedFailed.add(uid);
                toRelease.add(pod);
            }
        }
        if (uncountedSucceeded.isEmpty() && uncountedFailed.isEmpty()) {
            return job;
        }
        Job current = job;
        if (recorded) {
            current = writeStatus(current, status, uncountedSucceeded, uncountedFailed, 0, 0);
        }
        for (Pod pod : toRelease) {
            removeFinalizer(pod);
        }
        JobStatus latest = current.getStatus();
        Map<String, Pod> byUid = pods.stream().collect(Collectors.toMap(pod -> pod.getMetadata().getUid(), pod -> pod, (a, b) -> a));
        List<Pod> succeededPods = uncountedSucceeded.stream().map(byUid::get).filter(Objects::nonNull).toList();
        // A failure the podFailurePolicy ignores is released but not counted; a pod already gone counts.
        List<Pod> failedPods = uncountedFailed.stream().map(byUid::get).filter(Objects::nonNull)
                .filter(pod -> PodFailurePolicies.counts(job.getSpec(), pod)).toList();
        int addFailed = failedPods.size() + (int) uncountedFailed.stream().filter(uid -> !byUid.containsKey(uid)).count();
        JobStatus counted = latest == null ? new JobStatus() : PodTemplates.copy(latest);
        int addSucceeded = uncountedSucceeded.size();
        if (JobIndexing.indexed(job)) {
            addSucceeded = JobIndexing.countIndexes(job, counted, succeededPods, failedPods);
        }
        return writeStatus(current, counted, Set.of(), Set.of(), addSucceeded, addFailed);
    }

    /** Lets a pod go without counting it (its job is gone). */
    public void removeFinalizer(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).edit(current -> {
                if (current.getMetadata().getFinalizers() != null) {
                    List<String> finalizers = new ArrayList<>(current.getMetadata().getFinalizers());
                    finalizers.remove(FINALIZER);
                    current.getMetadata().setFinalizers(finalizers);
                }
                return current;
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
        released.add(pod.getMetadata().getUid());
    }

    private Job writeStatus(Job job, JobStatus base, Set<String> uncountedSucceeded, Set<String> uncountedFailed,
            int addSucceeded, int addFailed) {
        Job updated = PodTemplates.copy(job);
        JobStatus status = base == null ? new JobStatus() : PodTemplates.copy(base);
        status.setUncountedTerminatedPods(new UncountedTerminatedPods(new ArrayList<>(uncountedFailed), new ArrayList<>(uncountedSucceeded)));
        status.setSucceeded((status.getSucceeded() == null ? 0 : status.getSucceeded()) + addSucceeded);
        status.setFailed((status.getFailed() == null ? 0 : status.getFailed()) + addFailed);
        updated.setStatus(status);
        return client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(updated).updateStatus();
    }
}
