package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A JobSpec wherever it appears (a Job, a CronJob's jobTemplate), as Kubernetes' {@code validateJobSpec}: counts,
 * completion mode with its per-index limits, podFailurePolicy, podReplacementPolicy and a template whose pods end.
 * Selector rules belong to the Job itself.
 */
public final class JobSpecRules {

    static final List<String> COMPLETION_MODES = List.of("NonIndexed", "Indexed");
    private static final List<String> REPLACEMENT_POLICIES = List.of("Failed", "TerminatingOrFailed");
    private static final List<String> ACTIONS = List.of("Count", "FailIndex", "FailJob", "Ignore");
    private static final List<String> OPERATORS = List.of("In", "NotIn");
    private static final List<String> CONDITION_STATUSES = List.of("False", "True", "Unknown");
    private static final int MAX_INDEXED_PARALLELISM = 100_000;
    private static final int MAX_FAILED_INDEXES = 100_000;
    private static final int MAX_RULES = 20;
    private static final int MAX_EXIT_CODES = 255;
    private static final int MAX_CONDITION_PATTERNS = 20;

    private JobSpecRules() {
    }

    /** @param path where the spec sits: {@code spec}, or {@code spec.jobTemplate.spec} */
    public static void validate(FieldErrors errors, String path, JobSpec spec) {
        validate(errors, path, spec, null);
    }

    /**
     * @param storedTemplate on update, the stored object's pod template ({@link PodSpecRules#stored}), so volumes kept
     *     as they were are not checked again; null on create
     */
    public static void validate(FieldErrors errors, String path, JobSpec spec, PodTemplateSpec storedTemplate) {
        WorkloadRules.nonNegative(errors, path + ".parallelism", spec.getParallelism());
        WorkloadRules.nonNegative(errors, path + ".completions", spec.getCompletions());
        WorkloadRules.nonNegative(errors, path + ".activeDeadlineSeconds", spec.getActiveDeadlineSeconds());
        WorkloadRules.nonNegative(errors, path + ".backoffLimit", spec.getBackoffLimit());
        WorkloadRules.nonNegative(errors, path + ".ttlSecondsAfterFinished", spec.getTtlSecondsAfterFinished());
        WorkloadRules.nonNegative(errors, path + ".backoffLimitPerIndex", spec.getBackoffLimitPerIndex());
        if (spec.getMaxFailedIndexes() != null) {
            WorkloadRules.nonNegative(errors, path + ".maxFailedIndexes", spec.getMaxFailedIndexes());
            if (spec.getBackoffLimitPerIndex() == null) {
                errors.required(path + ".backoffLimitPerIndex", "when maxFailedIndexes is specified");
            }
        }
        completionMode(errors, path, spec);
        if (spec.getPodFailurePolicy() != null) {
            podFailurePolicy(errors, path + ".podFailurePolicy", spec);
        }
        replacementPolicy(errors, path + ".podReplacementPolicy", spec);
        PodSpecRules.template(errors, path + ".template", spec.getTemplate(), Set.of(), storedTemplate);
        endingPods(errors, path + ".template.spec.restartPolicy", spec);
    }

    private static void completionMode(FieldErrors errors, String path, JobSpec spec) {
        String mode = spec.getCompletionMode() == null ? "NonIndexed" : spec.getCompletionMode();
        if (!COMPLETION_MODES.contains(mode)) {
            errors.notSupported(path + ".completionMode", mode, COMPLETION_MODES);
        }
        if (mode.equals("Indexed")) {
            if (spec.getCompletions() == null) {
                errors.required(path + ".completions", "when completion mode is Indexed");
            }
            if (spec.getParallelism() != null && spec.getParallelism() > MAX_INDEXED_PARALLELISM) {
                errors.invalid(path + ".parallelism", spec.getParallelism(),
                        "must be less than or equal to " + MAX_INDEXED_PARALLELISM + " when completion mode is Indexed");
            }
            if (spec.getCompletions() != null && spec.getMaxFailedIndexes() != null && spec.getMaxFailedIndexes() > spec.getCompletions()) {
                errors.invalid(path + ".maxFailedIndexes", spec.getMaxFailedIndexes(), "must be less than or equal to completions");
            }
            if (spec.getMaxFailedIndexes() != null && spec.getMaxFailedIndexes() > MAX_FAILED_INDEXES) {
                errors.invalid(path + ".maxFailedIndexes", spec.getMaxFailedIndexes(), "must be less than or equal to " + MAX_FAILED_INDEXES);
            }
        } else if (mode.equals("NonIndexed")) {
            if (spec.getBackoffLimitPerIndex() != null) {
                errors.invalid(path + ".backoffLimitPerIndex", spec.getBackoffLimitPerIndex(), "requires indexed completion mode");
            }
            if (spec.getMaxFailedIndexes() != null) {
                errors.invalid(path + ".maxFailedIndexes", spec.getMaxFailedIndexes(), "requires indexed completion mode");
            }
        }
    }

    private static void podFailurePolicy(FieldErrors errors, String path, JobSpec spec) {
        PodFailurePolicy policy = spec.getPodFailurePolicy();
        List<PodFailurePolicyRule> rules = policy.getRules() == null ? List.of() : policy.getRules();
        if (rules.size() > MAX_RULES) {
            errors.tooMany(path + ".rules", rules.size(), MAX_RULES);
        }
        Set<String> containerNames = containerNames(spec.getTemplate());
        for (int i = 0; i < rules.size(); i++) {
            rule(errors, path + ".rules[" + i + "]", rules.get(i), spec, containerNames);
        }
    }

    private static void rule(FieldErrors errors, String path, PodFailurePolicyRule rule, JobSpec spec, Set<String> containerNames) {
        String action = rule.getAction();
        if (action == null || action.isEmpty()) {
            errors.required(path + ".action", "valid values: " + GoValue.quotedList(ACTIONS));
        } else if (action.equals("FailIndex")) {
            if (spec.getBackoffLimitPerIndex() == null) {
                errors.invalid(path + ".action", action, "requires the backoffLimitPerIndex to be set");
            }
        } else if (!ACTIONS.contains(action)) {
            errors.notSupported(path + ".action", action, ACTIONS);
        }
        List<PodFailurePolicyOnPodConditionsPattern> patterns = rule.getOnPodConditions() == null ? List.of() : rule.getOnPodConditions();
        if (rule.getOnExitCodes() != null) {
            exitCodes(errors, path + ".onExitCodes", rule.getOnExitCodes(), containerNames);
        }
        if (!patterns.isEmpty()) {
            podConditions(errors, path + ".onPodConditions", patterns);
        }
        if (rule.getOnExitCodes() != null && !patterns.isEmpty()) {
            errors.invalidOmitted(path, "specifying both OnExitCodes and OnPodConditions is not supported");
        }
        if (rule.getOnExitCodes() == null && patterns.isEmpty()) {
            errors.invalidOmitted(path, "specifying one of OnExitCodes and OnPodConditions is required");
        }
    }

    private static void exitCodes(FieldErrors errors, String path, PodFailurePolicyOnExitCodesRequirement requirement,
            Set<String> containerNames) {
        String operator = requirement.getOperator();
        if (operator == null || operator.isEmpty()) {
            errors.required(path + ".operator", "valid values: " + GoValue.quotedList(OPERATORS));
        } else if (!OPERATORS.contains(operator)) {
            errors.notSupported(path + ".operator", operator, OPERATORS);
        }
        if (requirement.getContainerName() != null && !containerNames.contains(requirement.getContainerName())) {
            errors.invalid(path + ".containerName", requirement.getContainerName(),
                    "must be one of the container or initContainer names in the pod template");
        }
        List<Integer> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        if (values.isEmpty()) {
            errors.invalid(path + ".values", GoValue.intList(values), "at least one value is required");
        } else if (values.size() > MAX_EXIT_CODES) {
            errors.tooMany(path + ".values", values.size(), MAX_EXIT_CODES);
        }
        Set<Integer> seen = new HashSet<>();
        boolean ordered = true;
        for (int j = 0; j < values.size(); j++) {
            Integer value = values.get(j);
            if ("In".equals(operator) && value == 0) {
                errors.invalid(path + ".values[" + j + "]", value, "must not be 0 for the In operator");
            }
            if (!seen.add(value)) {
                errors.duplicate(path + ".values[" + j + "]", value);
            }
            if (j > 0 && values.get(j - 1) > value) {
                ordered = false;
            }
        }
        if (!ordered) {
            errors.invalid(path + ".values", GoValue.intList(values), "must be ordered");
        }
    }

    private static void podConditions(FieldErrors errors, String path, List<PodFailurePolicyOnPodConditionsPattern> patterns) {
        if (patterns.size() > MAX_CONDITION_PATTERNS) {
            errors.tooMany(path, patterns.size(), MAX_CONDITION_PATTERNS);
        }
        for (int j = 0; j < patterns.size(); j++) {
            PodFailurePolicyOnPodConditionsPattern pattern = patterns.get(j);
            String type = pattern.getType() == null ? "" : pattern.getType();
            errors.invalidEach(path + "[" + j + "].type", type, NameRules.qualifiedName(type));
            String status = pattern.getStatus();
            if (status == null || status.isEmpty()) {
                errors.required(path + "[" + j + "].status", "valid values: " + GoValue.quotedList(CONDITION_STATUSES));
            } else if (!CONDITION_STATUSES.contains(status)) {
                errors.notSupported(path + "[" + j + "].status", status, CONDITION_STATUSES);
            }
        }
    }

    private static void replacementPolicy(FieldErrors errors, String path, JobSpec spec) {
        String policy = spec.getPodReplacementPolicy();
        if (policy == null) {
            return;
        }
        if (spec.getPodFailurePolicy() != null) {
            if (!policy.equals("Failed")) {
                errors.notSupported(path, policy, List.of("Failed"));
            }
        } else if (!REPLACEMENT_POLICIES.contains(policy)) {
            errors.notSupported(path, policy, REPLACEMENT_POLICIES);
        }
    }

    private static void endingPods(FieldErrors errors, String path, JobSpec spec) {
        PodTemplateSpec template = spec.getTemplate();
        if (template == null || template.getSpec() == null) {
            return;
        }
        String restartPolicy = template.getSpec().getRestartPolicy();
        if (!"OnFailure".equals(restartPolicy) && !"Never".equals(restartPolicy)) {
            errors.notSupported(path, restartPolicy == null ? "" : restartPolicy, List.of("OnFailure", "Never"));
        } else if (spec.getPodFailurePolicy() != null && !"Never".equals(restartPolicy)) {
            errors.invalid(path, restartPolicy, "only \"Never\" is supported when podFailurePolicy is specified");
        }
    }

    private static Set<String> containerNames(PodTemplateSpec template) {
        PodSpec podSpec = template == null ? null : template.getSpec();
        if (podSpec == null) {
            return Set.of();
        }
        Set<String> names = new HashSet<>();
        Stream.concat(podSpec.getContainers() == null ? Stream.<Container>empty() : podSpec.getContainers().stream(),
                        podSpec.getInitContainers() == null ? Stream.<Container>empty() : podSpec.getInitContainers().stream())
                .map(Container::getName)
                .filter(name -> name != null)
                .forEach(names::add);
        return names;
    }
}
