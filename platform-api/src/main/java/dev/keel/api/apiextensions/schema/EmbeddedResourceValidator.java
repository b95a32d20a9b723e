package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.validation.NameRules;
import java.util.List;
import java.util.Locale;

/**
 * {@code x-kubernetes-embedded-resource} objects (apiextensions' objectmeta package): {@code apiVersion} and
 * {@code kind} present and well formed, {@code metadata} an object whose name, when set, is a DNS subdomain.
 */
final class EmbeddedResourceValidator {

    private EmbeddedResourceValidator() {
    }

    static void validate(SchemaNode root, JsonNode object, SchemaCauses out) {
        StructureWalker.walk(root, object, "", (schema, value, path) -> {
            if (schema.embeddedResource && value.isObject() && !path.isEmpty()) {
                check(value, path, out);
            }
        });
    }

    private static void check(JsonNode resource, String path, SchemaCauses out) {
        String apiVersionPath = FieldPaths.child(path, "apiVersion");
        String kindPath = FieldPaths.child(path, "kind");
        JsonNode apiVersion = resource.get("apiVersion");
        JsonNode kind = resource.get("kind");
        if (apiVersion == null) {
            out.required(apiVersionPath, "must not be empty");
        } else if (!apiVersion.isTextual()) {
            out.invalid(apiVersionPath, SchemaCauses.value(apiVersion), "must be a string");
        } else if (apiVersion.asText().isEmpty()) {
            out.invalid(apiVersionPath, "", "must not be empty");
        } else if (apiVersion.asText().chars().filter(c -> c == '/').count() > 1) {
            out.invalid(apiVersionPath, apiVersion.asText(), "unexpected GroupVersion string: " + apiVersion.asText());
        }
        if (kind == null) {
            out.required(kindPath, "must not be empty");
        } else if (!kind.isTextual()) {
            out.invalid(kindPath, SchemaCauses.value(kind), "must be a string");
        } else if (kind.asText().isEmpty()) {
            out.invalid(kindPath, "", "must not be empty");
        } else {
            List<String> problems = NameRules.dns1035Label(kind.asText().toLowerCase(Locale.ROOT));
            if (!problems.isEmpty()) {
                out.invalid(kindPath, kind.asText(), "may have mixed case, but should otherwise match: "
                        + String.join(",", problems));
            }
        }
        JsonNode metadata = resource.get("metadata");
        if (metadata != null && !metadata.isNull()) {
            String metadataPath = FieldPaths.child(path, "metadata");
            if (!metadata.isObject()) {
                out.invalid(metadataPath, SchemaCauses.value(metadata), "must be an object");
            } else if (metadata.path("name").isTextual()) {
                String name = metadata.get("name").asText();
                out.addAll(nameCauses(FieldPaths.child(metadataPath, "name"), name));
            }
        }
    }

    private static List<io.fabric8.kubernetes.api.model.StatusCause> nameCauses(String field, String name) {
        dev.keel.api.admission.FieldErrors errors = new dev.keel.api.admission.FieldErrors();
        errors.invalidEach(field, name, NameRules.dns1123Subdomain(name));
        return errors.causes();
    }
}
