package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;
import java.util.Map;

/**
 * One CRD version's {@code openAPIV3Schema}, compiled once (its CEL rules included) and applied to every custom
 * object of that version: pruning, defaulting and validation, as kube-apiserver's apiextensions server does.
 *
 * <p>CONTRACT (issue 15): the CRD branches only call these methods. Validation is OpenAPI keywords
 * ({@link OpenApiValidator}), embedded resources, list-type invariants, then the CEL rules ({@link CelValidator}),
 * which are skipped, as in Kubernetes, when a value has the wrong type or an unsupported enum value.
 */
public final class CustomResourceSchema {

    private final SchemaNode root;
    private final Map<SchemaNode, List<CompiledRule>> rules;
    private final CelLimits limits;

    private CustomResourceSchema(SchemaNode root, Map<SchemaNode, List<CompiledRule>> rules, CelLimits limits) {
        this.root = root;
        this.rules = rules;
        this.limits = limits;
    }

    /**
     * Checks the {@code x-kubernetes-validations} rules of a schema that passed the structural check: a rule that
     * does not compile, or whose estimated cost exceeds the limit, is one cause whose field starts at
     * {@code fieldPath} (e.g. {@code spec.versions[0].schema.openAPIV3Schema}).
     */
    public static List<StatusCause> checkRules(JsonNode openApiV3Schema, String fieldPath) {
        return checkRules(openApiV3Schema, fieldPath, CelLimits.KUBERNETES);
    }

    static List<StatusCause> checkRules(JsonNode openApiV3Schema, String fieldPath, CelLimits limits) {
        return RuleCompiler.compile(SchemaNode.parse(openApiV3Schema), fieldPath, limits).causes();
    }

    /** Compiles a schema that passed the structural check and {@link #checkRules}. */
    public static CustomResourceSchema compile(JsonNode openApiV3Schema) {
        return compile(openApiV3Schema, CelLimits.KUBERNETES);
    }

    /** With other limits: tests use small ones to reach them cheaply. */
    static CustomResourceSchema compile(JsonNode openApiV3Schema, CelLimits limits) {
        SchemaNode root = SchemaNode.parse(openApiV3Schema);
        // rules that do not compile were refused by checkRules; any left (a stored CRD from before) are left out
        return new CustomResourceSchema(root, RuleCompiler.compile(root, "", limits).rules(), limits);
    }

    /** Drops fields the schema does not declare (apiVersion, kind and metadata at the root are kept). */
    public void prune(ObjectNode object) {
        Pruner.pruneRoot(root, object);
    }

    /** Fills in schema defaults, on write and on read. */
    public void applyDefaults(ObjectNode object) {
        Defaulter.applyRoot(root, object);
    }

    /**
     * OpenAPI keywords, then CEL rules ({@code self}, and {@code oldSelf} when {@code oldObject} is not null).
     * Each cause names the field path, e.g. {@code spec.stage}, with Kubernetes' reason and message.
     */
    public List<StatusCause> validate(JsonNode object, JsonNode oldObject) {
        SchemaCauses causes = new SchemaCauses();
        OpenApiValidator.validate(root, object, "", causes);
        EmbeddedResourceValidator.validate(root, object, causes);
        ListTypeValidator.validate(root, object, causes);
        if (rules.isEmpty()) {
            return causes.causes();
        }
        if (blocksRules(causes.causes())) {
            causes.invalid(OpenApiValidator.NO_FIELD, null, "some validation rules were not checked because the object "
                    + "was invalid; correct the existing errors to complete validation");
        } else {
            CelValidator.validate(root, rules, limits, object, oldObject, causes);
        }
        return causes.causes();
    }

    /** A wrong type or an unsupported enum value makes the CEL rules' view of the object meaningless. */
    private static boolean blocksRules(List<StatusCause> causes) {
        return causes.stream().anyMatch(c -> "FieldValueTypeInvalid".equals(c.getReason())
                || "FieldValueNotSupported".equals(c.getReason()));
    }
}
