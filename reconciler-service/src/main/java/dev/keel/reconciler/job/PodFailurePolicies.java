package dev.keel.reconciler.job;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Job's podFailurePolicy applied to one failed pod, as Kubernetes does: the first rule whose onExitCodes (a
 * terminated container, optionally the named one, with a non-zero exit code In or NotIn the values) or
 * onPodConditions (a pod condition of that type and status) matches decides: FailJob, FailIndex, Ignore (not
 * counted against backoffLimit) or Count. No match counts.
 */
public final class PodFailurePolicies {

    public static final String FAIL_JOB = "FailJob";
    public static final String FAIL_INDEX = "FailIndex";
    public static final String IGNORE = "Ignore";
    public static final String COUNT = "Count";

    /** The rule that matched: its action and the message Kubernetes gives the Failed condition for FailJob. */
    public record Match(String action, String message) {
    }

    private PodFailurePolicies() {
    }

    public static Optional<Match> match(JobSpec spec, Pod pod) {
        if (spec.getPodFailurePolicy() == null || spec.getPodFailurePolicy().getRules() == null) {
            return Optional.empty();
        }
        List<PodFailurePolicyRule> rules = spec.getPodFailurePolicy().getRules();
        String podName = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        for (int index = 0; index < rules.size(); index++) {
            PodFailurePolicyRule rule = rules.get(index);
            if (rule.getOnExitCodes() != null) {
                Optional<ContainerStatus> container = matchingContainer(pod, rule.getOnExitCodes());
                if (container.isPresent()) {
                    return Optional.of(new Match(rule.getAction(), "Container " + container.get().getName() + " for pod " + podName
                            + " failed with exit code " + container.get().getState().getTerminated().getExitCode() + " matching "
                            + rule.getAction() + " rule at index " + index));
                }
            }
            if (rule.getOnPodConditions() != null) {
                for (PodFailurePolicyOnPodConditionsPattern pattern : rule.getOnPodConditions()) {
                    if (hasCondition(pod, pattern)) {
                        return Optional.of(new Match(rule.getAction(), "Pod " + podName + " has condition " + pattern.getType()
                                + " matching " + rule.getAction() + " rule at index " + index));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the pod's failure counts against backoffLimit (and backoffLimitPerIndex). */
    public static boolean counts(JobSpec spec, Pod pod) {
        return match(spec, pod).map(match -> !IGNORE.equals(match.action())).orElse(true);
    }

    private static Optional<ContainerStatus> matchingContainer(Pod pod, PodFailurePolicyOnExitCodesRequirement requirement) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        Stream<ContainerStatus> statuses = Stream.concat(
                pod.getStatus().getContainerStatuses() == null ? Stream.empty() : pod.getStatus().getContainerStatuses().stream(),
                pod.getStatus().getInitContainerStatuses() == null ? Stream.empty() : pod.getStatus().getInitContainerStatuses().stream());
        List<Integer> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        return statuses
                .filter(status -> status.getState() != null && status.getState().getTerminated() != null)
                .filter(status -> requirement.getContainerName() == null || requirement.getContainerName().equals(status.getName()))
                .filter(status -> {
                    Integer code = status.getState().getTerminated().getExitCode();
                    if (code == null || code == 0) {
                        return false;
                    }
                    boolean listed = values.contains(code);
                    return "In".equals(requirement.getOperator()) ? listed : "NotIn".equals(requirement.getOperator()) && !listed;
                })
                .findFirst();
    }

    private static boolean hasCondition(Pod pod, PodFailurePolicyOnPodConditionsPattern pattern) {
        List<PodCondition> conditions = pod.getStatus() == null || pod.getStatus().getConditions() == null ? List.of()
                : pod.getStatus().getConditions();
        String status = pattern.getStatus() == null ? "True" : pattern.getStatus();
        return conditions.stream().anyMatch(condition -> pattern.getType().equals(condition.getType()) && status.equals(condition.getStatus()));
    }
}
