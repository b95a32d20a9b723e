package dev.keel.api.codec.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * The frame of a Kubernetes protobuf body: the magic {@code k8s\0} and a {@code runtime.Unknown} message
 * {typeMeta{apiVersion=1, kind=2}=1, raw=2, contentEncoding=3, contentType=4} whose raw bytes are the object's own
 * message. Like the Go serializer, contentEncoding and contentType are not consulted: raw is always protobuf.
 */
record KubernetesEnvelope(String apiVersion, String kind, ByteString raw) {

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    static KubernetesEnvelope parse(byte[] body) {
        if (body.length < MAGIC.length || body[0] != MAGIC[0] || body[1] != MAGIC[1] || body[2] != MAGIC[2]
                || body[3] != MAGIC[3]) {
            throw new ProtobufDecodingException("", "the body does not start with the Kubernetes protobuf prefix \"k8s\\x00\"");
        }
        if (body.length == MAGIC.length) {
            throw new ProtobufDecodingException("", "the protobuf body is empty after its prefix");
        }
        String apiVersion = "";
        String kind = "";
        ByteString raw = ByteString.EMPTY;
        try {
            CodedInputStream in = CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> {
                        TypeMeta typeMeta = TypeMeta.parse(lengthDelimited(in, tag, "typeMeta"));
                        apiVersion = typeMeta.apiVersion();
                        kind = typeMeta.kind();
                    }
                    case 2 -> raw = lengthDelimited(in, tag, "raw");
                    default -> skip(in, tag);
                }
            }
        } catch (IOException e) {
            throw new ProtobufDecodingException("", "the runtime.Unknown envelope is malformed: " + e.getMessage(), e);
        }
        if (kind.isEmpty()) {
            throw new ProtobufDecodingException("", "Object 'Kind' is missing in the protobuf envelope");
        }
        if (apiVersion.isEmpty()) {
            throw new ProtobufDecodingException("", "Object 'apiVersion' is missing in the protobuf envelope");
        }
        return new KubernetesEnvelope(apiVersion, kind, raw);
    }

    private static ByteString lengthDelimited(CodedInputStream in, int tag, String field) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            throw new InvalidProtocolBufferException("field " + field + " has wire type " + WireFormat.getTagWireType(tag)
                    + ", expected " + WireFormat.WIRETYPE_LENGTH_DELIMITED);
        }
        return in.readBytes();
    }

    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new InvalidProtocolBufferException("unexpected end-group tag " + WireFormat.getTagFieldNumber(tag));
        }
    }

    private record TypeMeta(String apiVersion, String kind) {

        static TypeMeta parse(ByteString bytes) throws IOException {
            String apiVersion = "";
            String kind = "";
            CodedInputStream in = bytes.newCodedInput();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> apiVersion = lengthDelimited(in, tag, "typeMeta.apiVersion").toStringUtf8();
                    case 2 -> kind = lengthDelimited(in, tag, "typeMeta.kind").toStringUtf8();
                    default -> skip(in, tag);
                }
            }
            return new TypeMeta(apiVersion, kind);
        }
    }
}
