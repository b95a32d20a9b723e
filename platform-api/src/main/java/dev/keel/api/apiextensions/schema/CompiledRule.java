package dev.keel.api.apiextensions.schema;

import dev.cel.runtime.CelRuntime.Program;
import java.util.List;

/**
 * One {@code x-kubernetes-validations} entry, compiled: its program, whether it is a transition rule (uses
 * {@code oldSelf}), the optional message program, and the {@code fieldPath} split into steps ({@link PathStep}).
 */
record CompiledRule(
        String rule,
        Program program,
        boolean usesOldSelf,
        boolean optionalOldSelf,
        String message,
        Program messageExpression,
        String reason,
        List<PathStep> fieldPath) {

    /** A step of a rule's fieldPath: a field ({@code .name}) or a map key ({@code ['key']}). */
    record PathStep(String name, boolean mapKey) {
    }

    /** What Kubernetes says when the rule fails and has no usable message. */
    String defaultMessage() {
        return message != null && !message.isBlank() ? message.strip() : "failed rule: " + rule.strip();
    }

    String ruleForErrors() {
        return message != null && !message.isBlank() ? message.strip() : rule.strip();
    }
}
