package dev.keel.reconciler.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.stream.Stream;

/**
 * completionMode Indexed, as Kubernetes runs it: each pod carries its index (annotation and label
 * {@code batch.kubernetes.io/job-completion-index}, {@code JOB_COMPLETION_INDEX} in every container from that
 * annotation, hostname {@code <job>-<index>}, name {@code <job>-<index>-xxxxx}); an index is complete once one of its
 * pods succeeded ({@code status.completedIndexes}); with backoffLimitPerIndex an index fails once its pods failed more
 * often than that, or at a FailIndex rule ({@code status.failedIndexes}), and gets no more pods.
 */
public final class JobIndexing {

    /** Kubernetes' limit for generated names, before the 5 random characters. */
    private static final int MAX_GENERATE_NAME = 58;

    private JobIndexing() {
    }

    public static boolean indexed(Job job) {
        return "Indexed".equals(job.getSpec().getCompletionMode()) && job.getSpec().getCompletions() != null;
    }

    public static SortedSet<Integer> completed(Job job, JobStatus status) {
        return CompletionIndexes.parse(status == null ? null : status.getCompletedIndexes(), job.getSpec().getCompletions());
    }

    public static SortedSet<Integer> failed(Job job, JobStatus status) {
        return CompletionIndexes.parse(status == null ? null : status.getFailedIndexes(), job.getSpec().getCompletions());
    }

    /**
     * Adds the indexes of newly counted pods to {@code status} (completed, and with backoffLimitPerIndex failed);
     * returns by how much status.succeeded grows: the number of indexes newly completed.
     */
    static int countIndexes(Job job, JobStatus status, List<Pod> succeeded, List<Pod> failed) {
        int completions = job.getSpec().getCompletions();
        SortedSet<Integer> completedIndexes = completed(job, status);
        int before = completedIndexes.size();
        for (Pod pod : succeeded) {
            CompletionIndexes.of(pod, completions).ifPresent(completedIndexes::add);
        }
        status.setCompletedIndexes(CompletionIndexes.format(completedIndexes));
        Integer perIndex = job.getSpec().getBackoffLimitPerIndex();
        if (perIndex != null) {
            SortedSet<Integer> failedIndexes = failed(job, status);
            for (Pod pod : failed) {
                OptionalInt index = CompletionIndexes.of(pod, completions);
                boolean failIndex = PodFailurePolicies.match(job.getSpec(), pod)
                        .filter(match -> PodFailurePolicies.FAIL_INDEX.equals(match.action())).isPresent();
                if (index.isPresent() && !completedIndexes.contains(index.getAsInt())
                        && (failIndex || PodFailurePolicies.counts(job.getSpec(), pod)
                                && CompletionIndexes.failuresBefore(pod) + 1 > perIndex)) {
                    failedIndexes.add(index.getAsInt());
                }
            }
            status.setFailedIndexes(CompletionIndexes.format(failedIndexes));
        }
        int grown = completedIndexes.size() - before;
        // succeeded already holds what was counted before: only the newly completed indexes are added.
        return grown;
    }

    /** The lowest indexes that are neither complete, failed, nor held by an active pod, at most {@code count}. */
    static List<Integer> pending(Job job, List<Pod> active, int count) {
        int completions = job.getSpec().getCompletions();
        SortedSet<Integer> done = completed(job, job.getStatus());
        done.addAll(failed(job, job.getStatus()));
        List<Integer> held = active.stream().map(pod -> CompletionIndexes.of(pod, completions))
                .filter(OptionalInt::isPresent).map(OptionalInt::getAsInt).toList();
        List<Integer> pending = new ArrayList<>();
        for (int index = 0; index < completions && pending.size() < count; index++) {
            if (!done.contains(index) && !held.contains(index)) {
                pending.add(index);
            }
        }
        return pending;
    }

    /** How many indexes are still to run: neither complete nor failed. */
    static int remaining(Job job) {
        SortedSet<Integer> finished = completed(job, job.getStatus());
        finished.addAll(failed(job, job.getStatus()));
        return Math.max(0, job.getSpec().getCompletions() - (int) finished.stream().filter(i -> i < job.getSpec().getCompletions()).count());
    }

    /** Makes {@code pod} the pod of {@code index}: annotation, label, hostname, the env variable, failures so far. */
    static void assign(Pod pod, Job job, int index, List<Pod> pods) {
        String value = String.valueOf(index);
        Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? new HashMap<>()
                : new HashMap<>(pod.getMetadata().getAnnotations());
        annotations.put(CompletionIndexes.ANNOTATION, value);
        if (job.getSpec().getBackoffLimitPerIndex() != null) {
            annotations.put(CompletionIndexes.FAILURE_COUNT, String.valueOf(failures(job.getSpec(), pods, index)));
        }
        pod.getMetadata().setAnnotations(annotations);
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? new HashMap<>() : new HashMap<>(pod.getMetadata().getLabels());
        labels.put(CompletionIndexes.LABEL, value);
        pod.getMetadata().setLabels(labels);
        pod.getSpec().setHostname(job.getMetadata().getName() + "-" + index);
        String prefix = job.getMetadata().getName();
        String suffix = "-" + index + "-";
        if (prefix.length() + suffix.length() > MAX_GENERATE_NAME) {
            prefix = prefix.substring(0, Math.max(0, MAX_GENERATE_NAME - suffix.length()));
        }
        pod.getMetadata().setGenerateName(prefix + suffix);
        Stream.concat(pod.getSpec().getContainers() == null ? Stream.empty() : pod.getSpec().getContainers().stream(),
                pod.getSpec().getInitContainers() == null ? Stream.empty() : pod.getSpec().getInitContainers().stream())
                .forEach(JobIndexing::addIndexEnv);
    }

    /** The counted failures of an index so far: the latest failed pod's count before it, plus one. */
    static int failures(JobSpec spec, List<Pod> pods, int index) {
        int completions = spec.getCompletions();
        return pods.stream()
                .filter(JobPodTracking::failed)
                .filter(pod -> CompletionIndexes.of(pod, completions).orElse(-1) == index)
                .filter(pod -> PodFailurePolicies.counts(spec, pod))
                .mapToInt(pod -> CompletionIndexes.failuresBefore(pod) + 1)
                .max().orElse(0);
    }

    private static void addIndexEnv(Container container) {
        List<EnvVar> env = container.getEnv() == null ? new ArrayList<>() : new ArrayList<>(container.getEnv());
        if (env.stream().noneMatch(variable -> CompletionIndexes.ENV.equals(variable.getName()))) {
            env.add(new EnvVarBuilder().withName(CompletionIndexes.ENV).withNewValueFrom().withNewFieldRef()
                    .withFieldPath("metadata.annotations['" + CompletionIndexes.ANNOTATION + "']").endFieldRef().endValueFrom().build());
        }
        container.setEnv(env);
    }
}
