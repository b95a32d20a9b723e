package dev.keel.api.codec.protobuf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;

/**
 * Decodes request bodies sent as {@value #MEDIA_TYPE} (kubectl and client-go send typed objects that way) into the
 * JSON tree the same client would have sent as JSON, so the rest of the server never sees protobuf.
 *
 * <p>The body is {@code k8s\0} + runtime.Unknown; the envelope's apiVersion and kind pick the message, whose schema
 * is written out in this package ({@link KubernetesSchema}) from the field numbers and Go json tags of Kubernetes'
 * generated.proto/types.go. DeleteOptions, which every group version serves, is read under any apiVersion. Kinds
 * without a schema answer 415, malformed bodies 400.
 */
public final class ProtobufBodyDecoder {

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private final ProtoSchema schema;
    private final MessageDecoder messages;

    /** {@code json} parses the JSON that metav1.FieldsV1 carries and supplies the node factory. */
    public ProtobufBodyDecoder(ObjectMapper json) {
        this(KubernetesSchema.get(), json);
    }

    ProtobufBodyDecoder(ProtoSchema schema, ObjectMapper json) {
        this.schema = schema;
        this.messages = new MessageDecoder(schema, json);
    }

    /** The object as JSON, {@code kind} and {@code apiVersion} first; 400 when malformed, 415 for unknown kinds. */
    public ObjectNode decode(byte[] body) {
        try {
            KubernetesEnvelope envelope = KubernetesEnvelope.parse(body);
            MessageSpec message = schema.kind(envelope.apiVersion(), envelope.kind())
                    .or(() -> schema.optionsKind(envelope.kind())).orElseThrow(() ->
                    Statuses.unsupportedMediaType(MEDIA_TYPE + " (no protobuf schema for kind \"" + envelope.kind()
                            + "\" in version \"" + envelope.apiVersion() + "\")", "application/json, application/yaml"));
            ObjectNode object = messages.decode(message, envelope.raw(), "");
            ObjectNode result = object.objectNode();
            result.put("kind", envelope.kind());
            result.put("apiVersion", envelope.apiVersion());
            result.setAll(object);
            return result;
        } catch (ProtobufDecodingException e) {
            throw new ApiException(Statuses.badRequest("the body of the request could not be decoded as "
                    + MEDIA_TYPE + ": " + e.getMessage()).status(), e);
        }
    }
}
