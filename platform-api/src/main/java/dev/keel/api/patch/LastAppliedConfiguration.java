package dev.keel.api.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kubectl.kubernetes.io/last-applied-configuration} annotation of client-side apply, as server-side
 * apply by the {@code kubectl} manager treats it: fields still as client-side apply last set them may be taken
 * over without a conflict, and the annotation follows the server-side configuration so that going back to
 * client-side apply computes the right patch.
 */
final class LastAppliedConfiguration {

    static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

    /** The manager kubectl uses for server-side apply, the only one this compatibility applies to. */
    static final String KUBECTL = "kubectl";

    private static final Logger log = LoggerFactory.getLogger(LastAppliedConfiguration.class);

    private LastAppliedConfiguration() {
    }

    /** The fields of the annotation whose live values are still the ones it records. */
    static FieldSet unchangedFields(ObjectNode live, FieldSchema schema) {
        Optional<ObjectNode> lastApplied = read(live);
        if (lastApplied.isEmpty()) {
            return FieldSet.empty();
        }
        FieldSet recorded;
        try {
            recorded = AppliedFields.of(lastApplied.get(), schema, TrackedFields.ALL);
        } catch (InvalidFieldException e) {
            log.debug("ignoring a last-applied configuration whose lists cannot be keyed", e);
            return FieldSet.empty();
        }
        FieldComparison since = FieldComparison.compare(lastApplied.get(), live, schema, TrackedFields.ALL);
        return recorded.minus(since.modified()).minus(since.removed());
    }

    /** Sets the annotation of {@code object}, if it has one, to {@code applied} as kubectl would write it. */
    static void follow(ObjectNode object, ObjectNode applied) {
        JsonNode annotations = object.path("metadata").path("annotations");
        if (!(annotations instanceof ObjectNode annotationsObject) || !annotationsObject.has(ANNOTATION)) {
            return;
        }
        ObjectNode config = applied.deepCopy();
        JsonNode configAnnotations = config.path("metadata").path("annotations");
        if (configAnnotations instanceof ObjectNode own) {
            own.remove(ANNOTATION);
        }
        // kubectl writes the annotation with Go's JSON encoder: sorted keys and a final newline.
        annotationsObject.put(ANNOTATION, JsonValues.canonical(config) + "\n");
    }

    private static Optional<ObjectNode> read(ObjectNode object) {
        JsonNode text = object.path("metadata").path("annotations").get(ANNOTATION);
        if (text == null || !text.isTextual() || text.textValue().isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode parsed = JsonValues.parse(text.textValue());
            return parsed instanceof ObjectNode config ? Optional.of(config) : Optional.empty();
        } catch (JsonProcessingException e) {
            log.debug("ignoring an unparsable {} annotation", ANNOTATION, e);
            return Optional.empty();
        }
    }
}
