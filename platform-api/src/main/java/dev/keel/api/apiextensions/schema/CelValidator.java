package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime.Program;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates compiled rules on an object (and its old version on update), node by node as apiextensions' CEL
 * validator does: null values are skipped, transition rules run only where the old object has a correlated value
 * (same property, same map key, same {@code x-kubernetes-list-type: map} keys), and every rule shares the object's
 * cost budget. Cost at run time is counted as expression nodes evaluated (cel-java's trace callback), one unit each.
 */
final class CelValidator {

    private final Map<SchemaNode, List<CompiledRule>> rules;
    private final CelLimits limits;
    private final SchemaCauses out;
    private final CelValuesFromJson values = new CelValuesFromJson();
    private final CelValuesFromJson oldValues = new CelValuesFromJson();
    private long remaining;
    private boolean stopped;

    private CelValidator(Map<SchemaNode, List<CompiledRule>> rules, CelLimits limits, SchemaCauses out) {
        this.rules = rules;
        this.limits = limits;
        this.out = out;
        this.remaining = limits.perObject();
    }

    static void validate(SchemaNode root, Map<SchemaNode, List<CompiledRule>> rules, CelLimits limits,
            JsonNode object, JsonNode oldObject, SchemaCauses out) {
        if (rules.isEmpty()) {
            return;
        }
        new CelValidator(rules, limits, out).visit(root, object, oldObject, "");
    }

    private void visit(SchemaNode schema, JsonNode value, JsonNode old, String path) {
        if (stopped || schema == null || value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        JsonNode oldValue = old == null || old.isNull() || old.isMissingNode() ? null : old;
        List<CompiledRule> here = rules.get(schema);
        if (here != null) {
            for (CompiledRule rule : here) {
                evaluate(rule, schema, value, oldValue, path);
                if (stopped) {
                    return;
                }
            }
        }
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                JsonNode oldChild = oldValue != null && oldValue.isObject() ? oldValue.get(key) : null;
                if (schema.properties.containsKey(key)) {
                    visit(schema.properties.get(key), field.getValue(), oldChild, FieldPaths.child(path, key));
                } else if (schema.additionalProperties != null) {
                    visit(schema.additionalProperties, field.getValue(), oldChild, FieldPaths.key(path, key));
                }
            }
        } else if (value.isArray() && schema.items != null) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                visit(schema.items, item, correlatedItem(schema, item, oldValue), FieldPaths.index(path, i));
            }
        }
    }

    /** The old item with the same map keys; other lists have no correlation, as in Kubernetes. */
    private static JsonNode correlatedItem(SchemaNode list, JsonNode item, JsonNode oldList) {
        if (oldList == null || !oldList.isArray() || !"map".equals(list.listType) || list.listMapKeys.isEmpty()
                || !item.isObject()) {
            return null;
        }
        for (JsonNode candidate : oldList) {
            boolean same = candidate.isObject();
            for (String key : list.listMapKeys) {
                JsonNode a = item.get(key);
                JsonNode b = candidate.get(key);
                same &= a == null ? b == null : b != null && JsonValues.equal(a, b);
            }
            if (same) {
                return candidate;
            }
        }
        return null;
    }

    private void evaluate(CompiledRule rule, SchemaNode schema, JsonNode value, JsonNode old, String path) {
        if (rule.usesOldSelf() && old == null && !rule.optionalOldSelf()) {
            return;
        }
        Map<String, Object> activation = new HashMap<>();
        activation.put("self", visible(values.of(value, schema), path));
        if (rule.usesOldSelf()) {
            Object oldSelf = old == null ? null : visible(oldValues.of(old, schema), path);
            activation.put("oldSelf", rule.optionalOldSelf() ? Optional.ofNullable(oldSelf) : oldSelf);
        }
        String type = schema.typeName();
        Outcome outcome = run(rule.program(), activation);
        if (outcome.exceeded) {
            stopped = true;
            if (outcome.overall) {
                out.invalid(path, type, "validation failed due to running out of cost budget, no further validation "
                        + "rules will be run");
            } else {
                out.invalid(path, type, "'operation cancelled: actual cost limit exceeded': no further validation rules "
                        + "will be run due to call cost exceeds limit for rule: " + rule.ruleForErrors());
            }
            return;
        }
        if (outcome.error != null) {
            String error = outcome.error;
            if (error.startsWith("no matching overload") || error.startsWith("no such overload")) {
                out.invalid(path, type, "'no such overload': call arguments did not match a supported operator, "
                        + "function or macro signature for rule: " + rule.ruleForErrors());
            } else {
                out.invalid(path, type, error + " evaluating rule: " + rule.ruleForErrors());
            }
            return;
        }
        if (Boolean.TRUE.equals(outcome.result)) {
            return;
        }
        String message = rule.defaultMessage();
        if (rule.messageExpression() != null) {
            Outcome text = run(rule.messageExpression(), activation);
            if (text.exceeded) {
                stopped = true;
                out.invalid(path, type, "messageExpression evaluation failed due to running out of cost budget, no "
                        + "further validation rules will be run");
                return;
            }
            if (text.result instanceof String s && !s.isBlank() && !s.contains("\n")) {
                message = s;
            }
        }
        report(rule, fieldPath(path, rule), type, message);
    }

    /** At the root, rules see only {@code metadata.name} and {@code metadata.generateName}, as in Kubernetes. */
    @SuppressWarnings("unchecked")
    private static Object visible(Object self, String path) {
        if (!path.isEmpty() || !(self instanceof Map<?, ?> root) || !(root.get("metadata") instanceof Map<?, ?> meta)) {
            return self;
        }
        Map<String, Object> copy = new java.util.LinkedHashMap<>((Map<String, Object>) root);
        Map<String, Object> shown = new java.util.LinkedHashMap<>();
        for (String key : List.of("name", "generateName")) {
            if (meta.containsKey(key)) {
                shown.put(key, meta.get(key));
            }
        }
        copy.put("metadata", shown);
        return copy;
    }

    private void report(CompiledRule rule, String path, String type, String message) {
        String reason = rule.reason() == null ? "FieldValueInvalid" : rule.reason();
        switch (reason) {
            case "FieldValueForbidden" -> out.forbidden(path, message);
            case "FieldValueRequired" -> out.required(path, message);
            case "FieldValueDuplicate" -> out.duplicate(path, type);
            default -> out.invalid(path, type, message);
        }
    }

    private static String fieldPath(String path, CompiledRule rule) {
        String result = path;
        for (CompiledRule.PathStep step : rule.fieldPath()) {
            result = step.mapKey() ? FieldPaths.key(result, step.name()) : FieldPaths.child(result, step.name());
        }
        return result;
    }

    private record Outcome(Object result, String error, boolean exceeded, boolean overall) {
    }

    /** Runs a program under the smaller of the per-call limit and what is left of the object's budget. */
    private Outcome run(Program program, Map<String, Object> activation) {
        long limit = Math.min(limits.perCall(), remaining);
        long[] cost = {0};
        try {
            Object result = program.trace(activation, (expr, value) -> {
                if (++cost[0] > limit) {
                    throw new CostLimitExceeded();
                }
            });
            remaining -= cost[0];
            return new Outcome(result, null, false, false);
        } catch (CelEvaluationException e) {
            remaining -= Math.min(cost[0], remaining);
            if (causedByCostLimit(e)) {
                return new Outcome(null, null, true, limit < limits.perCall());
            }
            return new Outcome(null, goWording(e), false, false);
        } catch (CostLimitExceeded e) {
            return new Outcome(null, null, true, limit < limits.perCall());
        }
    }

    private static boolean causedByCostLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CostLimitExceeded) {
                return true;
            }
        }
        return false;
    }

    /** cel-java's runtime errors in cel-go's words where Kubernetes users know them ("no such key: x"). */
    private static String goWording(CelEvaluationException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("key '(.*)' is not present in map\\.?").matcher(message);
        if (key.find()) {
            return "no such key: " + key.group(1);
        }
        if (message.contains("No matching overload") || message.contains("no matching overload")) {
            return "no such overload";
        }
        int at = message.indexOf("evaluation error at ");
        if (at >= 0) {
            int colon = message.indexOf(": ", at);
            if (colon > 0) {
                return message.substring(colon + 2);
            }
        }
        return message;
    }

    /** Thrown from the trace callback to stop an evaluation over its cost limit. */
    private static final class CostLimitExceeded extends RuntimeException {
        CostLimitExceeded() {
            super("operation cancelled: actual cost limit exceeded", null, false, false);
        }
    }
}
