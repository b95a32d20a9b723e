package dev.keel.api.codec.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The frame of a Kubernetes protobuf body: the magic {@code k8s\0} and a {@code runtime.Unknown} message
 * {typeMeta{apiVersion=1, kind=2}=1, raw=2, contentEncoding=3, contentType=4} whose raw bytes are the object's own
 * message. Like the Go serializer, contentEncoding and contentType are not consulted: raw is always protobuf; and
 * like it, they are written empty.
 */
record KubernetesEnvelope(String apiVersion, String kind, ByteString raw) {

    private static final byte[] MAGIC = {'k', '8', 's', 0};

    /** {@code k8s\0} and the runtime.Unknown holding {@code raw}, the bytes of a message of {@code kind}. */
    static byte[] write(String apiVersion, String kind, byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length + apiVersion.length() + kind.length() + 24);
        bytes.writeBytes(MAGIC);
        try {
            ByteArrayOutputStream typeMeta = new ByteArrayOutputStream();
            CodedOutputStream typeOut = CodedOutputStream.newInstance(typeMeta);
            typeOut.writeString(1, apiVersion);
            typeOut.writeString(2, kind);
            typeOut.flush();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeByteArray(1, typeMeta.toByteArray());
            out.writeByteArray(2, raw);
            out.writeString(3, "");
            out.writeString(4, "");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

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
