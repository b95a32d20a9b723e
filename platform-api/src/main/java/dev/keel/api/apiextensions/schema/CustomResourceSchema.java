package dev.keel.api.apiextensions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.util.List;

/**
 * One CRD version's {@code openAPIV3Schema}, compiled once (its CEL rules included) and applied to every custom
 * object of that version: pruning, defaulting and validation, as kube-apiserver's apiextensions server does.
 *
 * <p>CONTRACT (issue 15, being built): the "schema" branch replaces these bodies; the CRD branches only call them.
 */
public final class CustomResourceSchema {

    private CustomResourceSchema() {
    }

    /**
     * Checks the {@code x-kubernetes-validations} rules of a schema that passed the structural check: a rule that
     * does not compile, or whose estimated cost exceeds the limit, is one cause whose field starts at
     * {@code fieldPath} (e.g. {@code spec.versions[0].schema.openAPIV3Schema}).
     */
    public static List<StatusCause> checkRules(JsonNode openApiV3Schema, String fieldPath) {
        return List.of();
    }

    /** Compiles a schema that passed the structural check and {@link #checkRules}. */
    public static CustomResourceSchema compile(JsonNode openApiV3Schema) {
        return new CustomResourceSchema();
    }

    /** Drops fields the schema does not declare (apiVersion, kind and metadata at the root are kept). */
    public void prune(ObjectNode object) {
    }

    /** Fills in schema defaults, on write and on read. */
    public void applyDefaults(ObjectNode object) {
    }

    /**
     * OpenAPI keywords, then CEL rules ({@code self}, and {@code oldSelf} when {@code oldObject} is not null).
     * Each cause names the field path, e.g. {@code spec.stage}, with Kubernetes' reason and message.
     */
    public List<StatusCause> validate(JsonNode object, JsonNode oldObject) {
        return List.of();
    }
}
