package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime.Program;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles every {@code x-kubernetes-validations} rule of a schema, each against the type of the node it sits on,
 * and reports what Kubernetes refuses at CRD validation: a rule or messageExpression that does not compile or has
 * the wrong result type, {@code oldSelf} where no old value can be found (below atomic or set lists), an unknown
 * reason, a fieldPath the schema does not have, and estimated costs over {@link CelLimits}.
 */
final class RuleCompiler {

    static final List<String> REASONS = List.of("FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid",
            "FieldValueRequired");

    private final CelLimits limits;
    private final SchemaCauses causes = new SchemaCauses();
    private final Map<SchemaNode, List<CompiledRule>> rules = new IdentityHashMap<>();
    private final List<String> costlyRulePaths = new ArrayList<>();
    private final List<Double> costlyRuleTotals = new ArrayList<>();
    private double totalCost;

    private RuleCompiler(CelLimits limits) {
        this.limits = limits;
    }

    record Result(Map<SchemaNode, List<CompiledRule>> rules, List<io.fabric8.kubernetes.api.model.StatusCause> causes) {
    }

    static Result compile(SchemaNode root, String fieldPath, CelLimits limits) {
        RuleCompiler compiler = new RuleCompiler(limits);
        compiler.walk(root, fieldPath, 1, null);
        compiler.checkTotal(fieldPath);
        return new Result(compiler.rules, compiler.causes.causes());
    }

    /**
     * @param cardinality how many times a rule here can run for one object (product of the enclosing lists' and
     *                    maps' sizes), which weighs its cost in the schema total
     * @param uncorrelated path of the enclosing atomic/set list, where {@code oldSelf} has no meaning, or null
     */
    private void walk(SchemaNode node, String path, double cardinality, String uncorrelated) {
        if (node.validations.isArray() && node.validations.size() > 0) {
            List<CompiledRule> compiled = new ArrayList<>();
            for (int i = 0; i < node.validations.size(); i++) {
                CompiledRule rule = compileRule(node, node.validations.get(i),
                        path + ".x-kubernetes-validations[" + i + "]", cardinality, uncorrelated);
                if (rule != null) {
                    compiled.add(rule);
                }
            }
            rules.put(node, List.copyOf(compiled));
        }
        node.properties.forEach((name, child) -> walk(child, path + ".properties[" + name + "]", cardinality, uncorrelated));
        if (node.additionalProperties != null) {
            walk(node.additionalProperties, path + ".additionalProperties",
                    cardinality * CostEstimator.maxSize(node), uncorrelated);
        }
        if (node.items != null) {
            String itemsUncorrelated = uncorrelated != null || "map".equals(node.listType) ? uncorrelated : path;
            walk(node.items, path + ".items", cardinality * CostEstimator.maxSize(node), itemsUncorrelated);
        }
    }

    private CompiledRule compileRule(SchemaNode node, JsonNode spec, String path, double cardinality, String uncorrelated) {
        String rule = spec.path("rule").asText("");
        String rulePath = path + ".rule";
        if (rule.isBlank()) {
            causes.required(rulePath, "rule is not specified");
            return null;
        }
        String reason = spec.hasNonNull("reason") ? spec.get("reason").asText() : null;
        if (reason != null && !REASONS.contains(reason)) {
            causes.notSupported(path + ".reason", reason, REASONS);
        }
        List<CompiledRule.PathStep> fieldPath = List.of();
        if (spec.hasNonNull("fieldPath")) {
            String text = spec.get("fieldPath").asText();
            fieldPath = FieldPathParser.parse(text, node);
            if (fieldPath == null) {
                causes.invalid(path + ".fieldPath", text, "fieldPath must be a valid path");
                fieldPath = List.of();
            }
        }
        boolean optionalOldSelf = spec.path("optionalOldSelf").asBoolean(false);
        Cel cel = CelEnvironments.forSelf(CelTypesFromSchema.of(node), optionalOldSelf);
        CelAbstractSyntaxTree ast;
        try {
            ast = cel.compile(rule).getAst();
        } catch (CelValidationException e) {
            causes.invalid(rulePath, rule, "compilation failed: " + e.getMessage());
            return null;
        }
        if (!ast.getResultType().equals(SimpleType.BOOL) && !ast.getResultType().equals(SimpleType.DYN)) {
            causes.invalid(rulePath, rule, "compilation failed: cel expression must evaluate to a bool");
            return null;
        }
        boolean usesOldSelf = references(ast, "oldSelf");
        if (usesOldSelf && uncorrelated != null) {
            causes.invalid(rulePath, rule, "oldSelf cannot be used on the uncorrelatable portion of the schema within "
                    + uncorrelated);
        }
        if (optionalOldSelf && !usesOldSelf) {
            causes.forbidden(path + ".optionalOldSelf", "may not be set if oldSelf is not used in rule");
        }
        long cost = CostEstimator.estimate(ast.getExpr(), node);
        if (cost > limits.ruleEstimate()) {
            causes.forbidden(rulePath, costMessage("estimated rule cost", cost, limits.ruleEstimate()));
        }
        double weighted = cost * cardinality;
        totalCost += weighted;
        costlyRulePaths.add(rulePath);
        costlyRuleTotals.add(weighted);

        Program messageProgram = null;
        String messageExpression = spec.hasNonNull("messageExpression") ? spec.get("messageExpression").asText() : null;
        if (messageExpression != null && !messageExpression.isBlank()) {
            messageProgram = compileMessage(cel, messageExpression, path + ".messageExpression", node, cardinality);
        }
        try {
            return new CompiledRule(rule, cel.createProgram(ast), usesOldSelf, optionalOldSelf,
                    spec.hasNonNull("message") ? spec.get("message").asText() : null, messageProgram, reason, fieldPath);
        } catch (CelEvaluationException e) {
            causes.invalid(rulePath, rule, "compilation failed: " + e.getMessage());
            return null;
        }
    }

    private Program compileMessage(Cel cel, String expression, String path, SchemaNode node, double cardinality) {
        try {
            CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
            if (!ast.getResultType().equals(SimpleType.STRING) && !ast.getResultType().equals(SimpleType.DYN)) {
                causes.invalid(path, expression, "must evaluate to a string");
                return null;
            }
            long cost = CostEstimator.estimate(ast.getExpr(), node);
            if (cost > limits.ruleEstimate()) {
                causes.forbidden(path, costMessage("estimated messageExpression cost", cost, limits.ruleEstimate()));
            }
            totalCost += cost * cardinality;
            return cel.createProgram(ast);
        } catch (CelValidationException e) {
            causes.invalid(path, expression, "messageExpression compilation failed: " + e.getMessage());
        } catch (CelEvaluationException e) {
            causes.invalid(path, expression, "messageExpression compilation failed: " + e.getMessage());
        }
        return null;
    }

    private void checkTotal(String fieldPath) {
        if (totalCost <= limits.schemaEstimate()) {
            return;
        }
        for (int i = 0; i < costlyRulePaths.size(); i++) {
            // as Kubernetes, name the rules that weigh more than 1% of the limit
            if (costlyRuleTotals.get(i) > limits.schemaEstimate() / 100.0) {
                causes.forbidden(costlyRulePaths.get(i), "contributed to estimated rule & messageExpression cost total exceeding cost limit");
            }
        }
        causes.forbidden(fieldPath, costMessage("x-kubernetes-validations estimated rule & messageExpression cost total "
                + "for entire OpenAPIv3 schema", totalCost, limits.schemaEstimate()));
    }

    private static boolean references(CelAbstractSyntaxTree ast, String name) {
        for (CelReference reference : ast.getReferenceMap().values()) {
            if (reference.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Kubernetes' wording of an estimate over a limit (apiextensions validation's getCostErrorMessage). */
    static String costMessage(String what, double cost, long limit) {
        double factor = cost / limit;
        String text;
        if (factor > 100.0) {
            text = "more than 100x";
        } else if (factor < 1.5) {
            text = String.format(java.util.Locale.ROOT, "%fx", factor);
        } else {
            text = String.format(java.util.Locale.ROOT, "%.1fx", factor);
        }
        return what + " exceeds budget by factor of " + text + " (try simplifying the rule, or adding maxItems, "
                + "maxProperties, and maxLength where arrays, maps, and strings are declared)";
    }
}
