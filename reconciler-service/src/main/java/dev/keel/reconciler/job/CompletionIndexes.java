package dev.keel.reconciler.job;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The completion indexes of an Indexed Job: each pod's index (its {@code batch.kubernetes.io/job-completion-index}
 * annotation), and sets of indexes in status as Kubernetes writes them, ascending intervals {@code "1-3,5"}.
 */
public final class CompletionIndexes {

    public static final String ANNOTATION = "batch.kubernetes.io/job-completion-index";
    public static final String LABEL = ANNOTATION;
    /** Failures of the index before this pod, written on each pod of a job with backoffLimitPerIndex. */
    public static final String FAILURE_COUNT = "batch.kubernetes.io/job-index-failure-count";
    public static final String ENV = "JOB_COMPLETION_INDEX";

    private CompletionIndexes() {
    }

    /** The pod's index, if it has a valid one below {@code completions}. */
    public static OptionalInt of(Pod pod, int completions) {
        String value = pod.getMetadata().getAnnotations() == null ? null : pod.getMetadata().getAnnotations().get(ANNOTATION);
        if (value == null || !value.matches("[0-9]{1,9}")) {
            return OptionalInt.empty();
        }
        int index = Integer.parseInt(value);
        return index < completions ? OptionalInt.of(index) : OptionalInt.empty();
    }

    /**
     * Reads {@code "1-3,5"}, keeping only indexes below {@code completions}; parts that do not parse are skipped, as
     * they could only come from another writer (a status written through the API may hold any range, e.g.
     * {@code "0-2147483647"}: it must not cost more than the job's own indexes).
     */
    public static SortedSet<Integer> parse(String text, int completions) {
        SortedSet<Integer> indexes = new TreeSet<>();
        if (text == null || text.isEmpty()) {
            return indexes;
        }
        for (String interval : text.split(",")) {
            String[] bounds = interval.split("-");
            try {
                int first = Integer.parseInt(bounds[0]);
                int last = bounds.length > 1 ? Integer.parseInt(bounds[1]) : first;
                for (long i = Math.max(0, first); i <= Math.min(last, completions - 1L); i++) {
                    indexes.add((int) i);
                }
            } catch (NumberFormatException e) {
                // not ours: ignored
            }
        }
        return indexes;
    }

    /** Writes ascending intervals: {@code {1,2,3,5}} is {@code "1-3,5"}, the empty set "". */
    public static String format(SortedSet<Integer> indexes) {
        List<String> intervals = new ArrayList<>();
        Integer first = null;
        Integer last = null;
        for (int index : indexes) {
            if (last != null && index == last + 1) {
                last = index;
                continue;
            }
            if (first != null) {
                intervals.add(first.equals(last) ? String.valueOf(first) : first + "-" + last);
            }
            first = index;
            last = index;
        }
        if (first != null) {
            intervals.add(first.equals(last) ? String.valueOf(first) : first + "-" + last);
        }
        return String.join(",", intervals);
    }

    /** The failures of the pod's index before it ({@link #FAILURE_COUNT}), 0 when unset. */
    public static int failuresBefore(Pod pod) {
        String value = pod.getMetadata().getAnnotations() == null ? null : pod.getMetadata().getAnnotations().get(FAILURE_COUNT);
        return value != null && value.matches("[0-9]{1,9}") ? Integer.parseInt(value) : 0;
    }
}
