package dev.keel.api.codec.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes proto2 messages field by field with CodedOutputStream, the way a Go client would lay them out. */
final class ProtoBytes {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    static ProtoBytes message() {
        return new ProtoBytes();
    }

    /** The Kubernetes frame: {@code k8s\0} and a runtime.Unknown holding {@code object}. */
    static byte[] envelope(String apiVersion, String kind, ProtoBytes object) {
        ProtoBytes unknown = message()
                .message(1, message().string(1, apiVersion).string(2, kind))
                .bytes(2, object.toByteArray())
                .string(3, "")
                .string(4, "");
        byte[] body = unknown.toByteArray();
        byte[] framed = new byte[body.length + 4];
        framed[0] = 'k';
        framed[1] = '8';
        framed[2] = 's';
        framed[3] = 0;
        System.arraycopy(body, 0, framed, 4, body.length);
        return framed;
    }

    ProtoBytes string(int field, String value) {
        return write(() -> out.writeString(field, value));
    }

    ProtoBytes varint(int field, long value) {
        return write(() -> out.writeInt64(field, value));
    }

    ProtoBytes bool(int field, boolean value) {
        return write(() -> out.writeBool(field, value));
    }

    ProtoBytes bytes(int field, byte[] value) {
        return write(() -> out.writeByteArray(field, value));
    }

    ProtoBytes message(int field, ProtoBytes value) {
        return write(() -> out.writeBytes(field, ByteString.copyFrom(value.toByteArray())));
    }

    /** A packed repeated varint field. */
    ProtoBytes packed(int field, long... values) {
        ProtoBytes payload = message();
        for (long value : values) {
            payload.write(() -> payload.out.writeInt64NoTag(value));
        }
        return bytes(field, payload.toByteArray());
    }

    /** A map entry {key = 1, value = 2} with a string value. */
    ProtoBytes entry(int field, String key, String value) {
        return message(field, message().string(1, key).string(2, value));
    }

    /** A map entry {key = 1, value = 2} with a bytes value. */
    ProtoBytes entry(int field, String key, byte[] value) {
        return message(field, message().string(1, key).bytes(2, value));
    }

    /** A map entry {key = 1, value = 2} with a message value. */
    ProtoBytes entry(int field, String key, ProtoBytes value) {
        return message(field, message().string(1, key).message(2, value));
    }

    /** resource.Quantity {string = 1}. */
    static ProtoBytes quantity(String value) {
        return message().string(1, value);
    }

    /** intstr.IntOrString holding a number: {type = 1: 0, intVal = 2}. */
    static ProtoBytes intOrString(int value) {
        return message().varint(1, 0).varint(2, value);
    }

    /** intstr.IntOrString holding a string: {type = 1: 1, strVal = 3}. */
    static ProtoBytes intOrString(String value) {
        return message().varint(1, 1).string(3, value);
    }

    byte[] toByteArray() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private ProtoBytes write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
