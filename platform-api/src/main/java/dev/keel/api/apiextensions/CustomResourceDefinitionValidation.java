package dev.keel.api.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import dev.keel.api.admission.validation.NameRules;
import dev.keel.api.apiextensions.schema.CustomResourceSchema;
import dev.keel.api.registry.ModelConverter;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * CustomResourceDefinitions as kube-apiserver's apiextensions validation checks them, with its field paths and
 * words: the name is {@code <plural>.<group>}, the group a dotted DNS subdomain, names DNS-1035 labels, exactly one
 * storage version among uniquely named versions, each with a structural schema ({@link StructuralSchemaRules},
 * {@link SchemaKeywordRules}, {@link SchemaDefaults}; CEL rules through {@link CustomResourceSchema#checkRules}),
 * subresources, printer columns, selectable fields and conversion; on update group and plural (and, once
 * established, scope and kind) are immutable and every stored version must stay in {@code spec.versions}.
 */
@Component
@Order(300)
public class CustomResourceDefinitionValidation implements ValidatingAdmission {

    static final String KIND = "CustomResourceDefinition";
    static final int MAX_SELECTABLE_FIELDS = 8;
    private static final List<String> SCOPES = List.of("Cluster", "Namespaced");
    private static final List<String> COLUMN_TYPES = List.of("boolean", "date", "integer", "number", "string");
    private static final List<String> COLUMN_FORMATS =
            List.of("byte", "date", "date-time", "double", "float", "int32", "int64", "password");
    private static final List<String> CONVERSION_REVIEW_VERSIONS = List.of("v1", "v1beta1");
    private static final String ROOT_FIELDS_WITH_STATUS = "[Description Type Format Title Maximum ExclusiveMaximum Minimum "
            + "ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties "
            + "ExternalDocs Example XPreserveUnknownFields XValidations]";
    private static final Set<String> ROOT_KEYWORDS_WITH_STATUS = Set.of("description", "type", "format", "title", "maximum",
            "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems",
            "uniqueItems", "multipleOf", "required", "items", "properties", "externalDocs", "example",
            "x-kubernetes-preserve-unknown-fields", "x-kubernetes-validations");
    static final String APPROVAL_ANNOTATION = "api-approved.kubernetes.io";

    private final ModelConverter models;

    public CustomResourceDefinitionValidation(ModelConverter models) {
        this.models = models;
    }

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.type().kind().equals(KIND) || !request.type().group().equals("apiextensions.k8s.io")
                || request.object() == null) {
            return;
        }
        JsonNode crd = models.toTree(request.object());
        JsonNode old = request.oldObject() == null ? null : models.toTree(request.oldObject());
        if ("status".equals(request.subresource())) {
            names(crd.path("status").path("acceptedNames"), "status.acceptedNames", errors);
            return;
        }
        if (request.subresource() != null) {
            return;
        }
        JsonNode spec = crd.path("spec");
        if (request.operation() == Operation.CREATE) {
            String name = crd.path("metadata").path("name").asText("");
            if (!name.isEmpty() && !name.equals(spec.path("names").path("plural").asText("") + "." + spec.path("group").asText(""))) {
                errors.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group");
            }
        }
        spec(spec, errors);
        names(crd.path("status").path("acceptedNames"), "status.acceptedNames", errors);
        storedVersions(crd.path("status").path("storedVersions"), spec.path("versions"), errors);
        approval(crd, old, errors);
        if (spec.path("preserveUnknownFields").asBoolean(false)
                && !(old != null && old.path("spec").path("preserveUnknownFields").asBoolean(false))) {
            errors.invalid("spec.preserveUnknownFields", true,
                    "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead");
        }
        if (request.operation() == Operation.UPDATE && old != null) {
            immutable(spec, old, errors);
        }
    }

    private static void spec(JsonNode spec, FieldErrors errors) {
        String group = spec.path("group").asText("");
        if (group.isEmpty()) {
            errors.required("spec.group", "");
        } else if (!NameRules.dns1123Subdomain(group).isEmpty()) {
            errors.invalid("spec.group", group, String.join(",", NameRules.dns1123Subdomain(group)));
        } else if (!group.contains(".")) {
            errors.invalid("spec.group", group, "should be a domain with at least one dot");
        }
        String scope = spec.path("scope").asText("");
        if (scope.isEmpty()) {
            errors.required("spec.scope", "");
        } else if (!SCOPES.contains(scope)) {
            errors.notSupported("spec.scope", scope, SCOPES);
        }
        JsonNode versions = spec.path("versions");
        int storage = 0;
        Set<String> seen = new HashSet<>();
        boolean unique = true;
        for (int i = 0; i < versions.size(); i++) {
            JsonNode version = versions.get(i);
            String path = "spec.versions[" + i + "]";
            String name = version.path("name").asText("");
            if (version.path("storage").asBoolean(false)) {
                storage++;
            }
            unique &= seen.add(name);
            if (!NameRules.dns1035Label(name).isEmpty()) {
                errors.invalid(path + ".name", name, String.join(",", NameRules.dns1035Label(name)));
            }
            JsonNode schema = version.path("schema").get("openAPIV3Schema");
            if (schema == null || schema.isNull()) {
                errors.required(path + ".schema.openAPIV3Schema", "");
            }
            version(version, path, errors);
        }
        if (!unique) {
            errors.invalidOmitted("spec.versions", "must contain unique version names");
        }
        if (storage != 1) {
            errors.invalidOmitted("spec.versions", "must have exactly one version marked as storage version");
        }
        JsonNode names = spec.path("names");
        for (String required : List.of("plural", "singular", "kind", "listKind")) {
            if (names.path(required).asText("").isEmpty()) {
                errors.required("spec.names." + required, "");
            }
        }
        names(names, "spec.names", errors);
        conversion(spec.path("conversion"), errors);
    }

    private static void version(JsonNode version, String path, FieldErrors errors) {
        String warning = version.has("deprecationWarning") && !version.get("deprecationWarning").isNull()
                ? version.get("deprecationWarning").asText() : null;
        if (warning != null) {
            if (!version.path("deprecated").asBoolean(false)) {
                errors.invalid(path + ".deprecationWarning", warning, "can only be set for deprecated versions");
            } else if (warning.length() > 256) {
                errors.invalid(path + ".deprecationWarning", warning, "must be <= 256 characters long");
            } else if (warning.isEmpty()) {
                errors.invalid(path + ".deprecationWarning", warning, "must not be an empty string");
            }
        }
        JsonNode schema = version.path("schema").get("openAPIV3Schema");
        boolean statusEnabled = version.path("subresources").has("status") && !version.path("subresources").get("status").isNull();
        if (schema != null && schema.isObject()) {
            schema(schema, path + ".schema.openAPIV3Schema", statusEnabled, errors);
        }
        subresources(version.path("subresources"), path + ".subresources", errors);
        StructuralSchemaRules.eachIndexed(version.path("additionalPrinterColumns"),
                (i, column) -> column(column, path + ".additionalPrinterColumns[" + i + "]", errors));
        if (version.path("selectableFields").size() > 0) {
            if (schema == null || !schema.isObject()) {
                errors.invalid(path + ".selectableFields", "", "may only be set when `version.schema.openAPIV3Schema` is not included");
            } else {
                selectableFields(version.path("selectableFields"), schema, path + ".selectableFields", errors);
            }
        }
    }

    /** One version's openAPIV3Schema, in the order kube-apiserver checks it. */
    static void schema(JsonNode schema, String path, boolean statusEnabled, FieldErrors errors) {
        if (statusEnabled) {
            String type = schema.path("type").asText("");
            if (!type.isEmpty() && !type.equals("object")) {
                errors.invalid(path + ".type", type, "only \"object\" is allowed as the type at the root of the schema if the status subresource is enabled");
            } else {
                for (var it = schema.fieldNames(); it.hasNext(); ) {
                    String keyword = it.next();
                    if (!ROOT_KEYWORDS_WITH_STATUS.contains(keyword) && !isZero(schema.get(keyword))) {
                        errors.invalidOmitted(path, "only " + ROOT_FIELDS_WITH_STATUS
                                + " fields are allowed at the root of the schema if the status subresource is enabled");
                        break;
                    }
                }
            }
        }
        if (schema.path("nullable").asBoolean(false)) {
            errors.forbidden(path + ".nullable", "nullable cannot be true at the root");
        }
        boolean convertible = StructuralSchemaRules.convertible(schema);
        boolean structural = false;
        if (convertible) {
            int before = errors.causes().size();
            StructuralSchemaRules.check(schema, path, errors);
            structural = errors.causes().size() == before;
            if (structural) {
                SchemaDefaults.check(schema, path, true, errors);
            }
        }
        int beforeKeywords = errors.causes().size();
        SchemaKeywordRules.check(schema, path, errors);
        if (structural && errors.causes().size() == beforeKeywords) {
            addAll(errors, CustomResourceSchema.checkRules(schema, path));
        }
    }

    private static void subresources(JsonNode subresources, String path, FieldErrors errors) {
        JsonNode scale = subresources.get("scale");
        if (scale == null || scale.isNull()) {
            return;
        }
        String spec = scale.path("specReplicasPath").asText("");
        if (spec.isEmpty()) {
            errors.required(path + ".scale.specReplicasPath", "");
        } else if (simpleJsonPath(spec, path + ".scale.specReplicasPath", errors) && !spec.startsWith(".spec.")) {
            errors.invalid(path + ".scale.specReplicasPath", spec, "should be a json path under .spec");
        }
        String status = scale.path("statusReplicasPath").asText("");
        if (status.isEmpty()) {
            errors.required(path + ".scale.statusReplicasPath", "");
        } else if (simpleJsonPath(status, path + ".scale.statusReplicasPath", errors) && !status.startsWith(".status.")) {
            errors.invalid(path + ".scale.statusReplicasPath", status, "should be a json path under .status");
        }
        String selector = scale.path("labelSelectorPath").asText("");
        if (!selector.isEmpty() && simpleJsonPath(selector, path + ".scale.labelSelectorPath", errors)
                && !selector.startsWith(".spec.") && !selector.startsWith(".status.")) {
            errors.invalid(path + ".scale.labelSelectorPath", selector, "should be a json path under either .spec or .status");
        }
    }

    private static void column(JsonNode column, String path, FieldErrors errors) {
        if (column.path("name").asText("").isEmpty()) {
            errors.required(path + ".name", "");
        }
        String type = column.path("type").asText("");
        if (type.isEmpty()) {
            errors.required(path + ".type", "must be one of " + String.join(",", COLUMN_TYPES));
        } else if (!COLUMN_TYPES.contains(type)) {
            errors.invalid(path + ".type", type, "must be one of " + String.join(",", COLUMN_TYPES));
        }
        String format = column.path("format").asText("");
        if (!format.isEmpty() && !COLUMN_FORMATS.contains(format)) {
            errors.invalid(path + ".format", format, "must be one of " + String.join(",", COLUMN_FORMATS));
        }
        String jsonPath = column.path("jsonPath").asText("");
        if (jsonPath.isEmpty()) {
            errors.required(path + ".JSONPath", "");
        } else {
            simpleJsonPath(jsonPath, path + ".JSONPath", errors);
        }
    }

    private static boolean simpleJsonPath(String value, String path, FieldErrors errors) {
        if (!value.startsWith(".")) {
            errors.invalid(path, value, "must be a simple json path starting with .");
            return false;
        }
        return true;
    }

    private static void selectableFields(JsonNode fields, JsonNode schema, String path, FieldErrors errors) {
        Set<String> unique = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String fieldPath = path + "[" + i + "].jsonPath";
            String jsonPath = fields.get(i).path("jsonPath").asText("");
            if (jsonPath.isEmpty()) {
                errors.required(fieldPath, "");
                continue;
            }
            JsonNode target = resolve(schema, jsonPath);
            if (target == null) {
                errors.invalid(fieldPath, jsonPath, "is an invalid path: does not refer to a valid field");
                continue;
            }
            if (jsonPath.startsWith(".metadata")) {
                errors.invalid(fieldPath, jsonPath, "must not point to fields in metadata");
            }
            String type = target.path("type").asText("");
            if (!type.equals("string") && !type.equals("boolean") && !type.equals("integer")) {
                errors.invalid(fieldPath, jsonPath,
                        "must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.");
            }
            if (!unique.add(jsonPath)) {
                errors.duplicate(fieldPath, jsonPath);
            }
        }
        if (unique.size() > MAX_SELECTABLE_FIELDS) {
            errors.tooMany(path, unique.size(), MAX_SELECTABLE_FIELDS);
        }
    }

    /** The schema a dotted path ({@code .spec.color}) names, through properties only; null when there is none. */
    private static JsonNode resolve(JsonNode schema, String jsonPath) {
        if (!jsonPath.startsWith(".") || jsonPath.length() < 2) {
            return null;
        }
        JsonNode current = schema;
        for (String segment : jsonPath.substring(1).split("\\.", -1)) {
            if (segment.isEmpty()) {
                return null;
            }
            if (current.path("properties").has(segment)) {
                current = current.path("properties").get(segment);
            } else if (current.path("additionalProperties").isObject()) {
                current = current.get("additionalProperties");
            } else if (segment.equals("metadata") && current == schema) {
                current = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "object");
            } else {
                return null;
            }
        }
        return current;
    }

    private static void conversion(JsonNode conversion, FieldErrors errors) {
        if (conversion.isMissingNode() || conversion.isNull()) {
            return;
        }
        String strategy = conversion.path("strategy").asText("");
        if (strategy.isEmpty()) {
            errors.required("spec.conversion.strategy", "");
        } else if (!strategy.equals("None") && !strategy.equals("Webhook")) {
            errors.notSupported("spec.conversion.strategy", strategy, List.of("None", "Webhook"));
        }
        JsonNode webhook = conversion.get("webhook");
        if (strategy.equals("Webhook")) {
            JsonNode config = webhook == null ? null : webhook.get("clientConfig");
            if (config == null || config.isNull()) {
                errors.required("spec.conversion.webhookClientConfig", "required when strategy is set to Webhook");
            } else {
                WebhookClientConfigRules.check(config, "spec.conversion.webhookClientConfig", errors);
            }
            conversionReviewVersions(webhook == null ? null : webhook.get("conversionReviewVersions"), errors);
        } else if (webhook != null && !webhook.isNull()) {
            if (webhook.has("clientConfig") && !webhook.get("clientConfig").isNull()) {
                errors.forbidden("spec.conversion.webhookClientConfig", "should not be set when strategy is not set to Webhook");
            }
            if (webhook.path("conversionReviewVersions").size() > 0) {
                errors.forbidden("spec.conversion.conversionReviewVersions", "should not be set when strategy is not set to Webhook");
            }
        }
    }

    private static void conversionReviewVersions(JsonNode versions, FieldErrors errors) {
        String path = "spec.conversion.conversionReviewVersions";
        if (versions == null || versions.size() == 0) {
            errors.required(path, "");
            return;
        }
        Set<String> seen = new HashSet<>();
        boolean accepted = false;
        for (int i = 0; i < versions.size(); i++) {
            String version = versions.get(i).asText();
            if (!seen.add(version)) {
                errors.invalid(path + "[" + i + "]", version, "duplicate version");
                continue;
            }
            errors.invalidEach(path + "[" + i + "]", version, NameRules.dns1035Label(version));
            accepted |= CONVERSION_REVIEW_VERSIONS.contains(version);
        }
        if (!accepted) {
            errors.invalidOmitted(path, "must include at least one of v1, v1beta1");
        }
    }

    /** CustomResourceDefinitionNames rules, for spec.names and status.acceptedNames. */
    static void names(JsonNode names, String path, FieldErrors errors) {
        for (String field : List.of("plural", "singular")) {
            String value = names.path(field).asText("");
            if (!value.isEmpty() && !NameRules.dns1035Label(value).isEmpty()) {
                errors.invalid(path + "." + field, value, String.join(",", NameRules.dns1035Label(value)));
            }
        }
        for (String field : List.of("kind", "listKind")) {
            String value = names.path(field).asText("");
            List<String> problems = NameRules.dns1035Label(value.toLowerCase(java.util.Locale.ROOT));
            if (!value.isEmpty() && !problems.isEmpty()) {
                errors.invalid(path + "." + field, value, "may have mixed case, but should otherwise match: " + String.join(",", problems));
            }
        }
        StructuralSchemaRules.eachIndexed(names.path("shortNames"), (i, shortName) -> {
            if (!NameRules.dns1035Label(shortName.asText()).isEmpty()) {
                errors.invalid(path + ".shortNames[" + i + "]", shortName.asText(),
                        String.join(",", NameRules.dns1035Label(shortName.asText())));
            }
        });
        String kind = names.path("kind").asText("");
        if (!kind.isEmpty() && kind.equals(names.path("listKind").asText(""))) {
            errors.invalid(path + ".listKind", kind, "kind and listKind may not be the same");
        }
        StructuralSchemaRules.eachIndexed(names.path("categories"), (i, category) -> {
            if (!NameRules.dns1035Label(category.asText()).isEmpty()) {
                errors.invalid(path + ".categories[" + i + "]", category.asText(),
                        String.join(",", NameRules.dns1035Label(category.asText())));
            }
        });
    }

    private static void storedVersions(JsonNode stored, JsonNode versions, FieldErrors errors) {
        String path = "status.storedVersions";
        if (stored.size() == 0) {
            errors.invalidOmitted(path, "must have at least one stored version");
            return;
        }
        List<String> storedNames = new ArrayList<>();
        stored.forEach(v -> storedNames.add(v.asText()));
        Set<String> specNames = new HashSet<>();
        for (JsonNode version : versions) {
            String name = version.path("name").asText("");
            specNames.add(name);
            if (version.path("storage").asBoolean(false) && !storedNames.contains(name)) {
                errors.invalidOmitted(path, "must have the storage version " + name);
            }
        }
        for (int i = 0; i < storedNames.size(); i++) {
            String v = storedNames.get(i);
            if (!specNames.contains(v)) {
                errors.invalid(path + "[" + i + "]", v, "missing from spec.versions; " + v + " was previously a storage version, "
                        + "and must remain in spec.versions until a storage migration ensures no data remains persisted in " + v
                        + " and removes " + v + " from status.storedVersions");
            }
        }
    }

    /** Groups under k8s.io and kubernetes.io need the API-approval annotation, as in Kubernetes. */
    private static void approval(JsonNode crd, JsonNode old, FieldErrors errors) {
        String group = crd.path("spec").path("group").asText("");
        boolean protectedGroup = group.equals("k8s.io") || group.endsWith(".k8s.io") || group.equals("kubernetes.io")
                || group.endsWith(".kubernetes.io");
        if (!protectedGroup) {
            return;
        }
        JsonNode value = crd.path("metadata").path("annotations").get(APPROVAL_ANNOTATION);
        JsonNode oldValue = old == null ? null : old.path("metadata").path("annotations").get(APPROVAL_ANNOTATION);
        if (old != null && Objects.equals(value, oldValue)) {
            return;
        }
        String path = "metadata.annotations[" + APPROVAL_ANNOTATION + "]";
        if (value == null) {
            errors.required(path, "protected groups must have approval annotation \"" + APPROVAL_ANNOTATION
                    + "\", see https://github.com/kubernetes/enhancements/pull/1111");
        } else if (!value.asText().startsWith("unapproved") && !isUrl(value.asText())) {
            errors.invalid(path, value.asText(), "protected groups must have approval annotation \"" + APPROVAL_ANNOTATION
                    + "\" with either a URL or a reason starting with \"unapproved\", see https://github.com/kubernetes/enhancements/pull/1111");
        }
    }

    private static void immutable(JsonNode spec, JsonNode old, FieldErrors errors) {
        JsonNode oldSpec = old.path("spec");
        if (CustomResourceDefinitionConditions.isTrue(old, CustomResourceDefinitionConditions.ESTABLISHED)) {
            immutableText(spec.path("scope"), oldSpec.path("scope"), "spec.scope", errors);
            immutableText(spec.path("names").path("kind"), oldSpec.path("names").path("kind"), "spec.names.kind", errors);
        }
        immutableText(spec.path("group"), oldSpec.path("group"), "spec.group", errors);
        immutableText(spec.path("names").path("plural"), oldSpec.path("names").path("plural"), "spec.names.plural", errors);
    }

    private static void immutableText(JsonNode value, JsonNode old, String path, FieldErrors errors) {
        if (!value.asText("").equals(old.asText(""))) {
            errors.invalid(path, value.asText(""), "field is immutable");
        }
    }

    private static boolean isUrl(String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            return uri.getScheme() != null && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean isZero(JsonNode value) {
        return value == null || value.isNull() || value.isBoolean() && !value.asBoolean()
                || (value.isContainerNode() && value.isEmpty()) || value.isTextual() && value.asText().isEmpty();
    }

    /** Causes from the schema package, kept with their field and words. */
    static void addAll(FieldErrors errors, List<StatusCause> causes) {
        for (StatusCause cause : causes) {
            String message = cause.getMessage() == null ? "" : cause.getMessage();
            String reason = cause.getReason() == null ? "" : cause.getReason();
            if (reason.equals("FieldValueRequired") && message.startsWith("Required value")) {
                errors.required(cause.getField(), strip(message, "Required value"));
            } else if (reason.equals("FieldValueForbidden") && message.startsWith("Forbidden")) {
                errors.forbidden(cause.getField(), strip(message, "Forbidden"));
            } else {
                errors.invalidOmitted(cause.getField(), strip(message, "Invalid value"));
            }
        }
    }

    private static String strip(String message, String prefix) {
        if (!message.startsWith(prefix)) {
            return message;
        }
        String rest = message.substring(prefix.length());
        return rest.startsWith(": ") ? rest.substring(2) : rest;
    }
}
