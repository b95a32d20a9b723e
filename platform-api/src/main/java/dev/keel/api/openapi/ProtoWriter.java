package dev.keel.api.openapi;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes one protobuf message field by field. proto3 leaves out scalars at their default value; nested
 * messages are passed already encoded and are always written, since their presence can matter.
 */
final class ProtoWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    ProtoWriter string(int field, String value) {
        if (value != null && !value.isEmpty()) {
            write(() -> out.writeString(field, value));
        }
        return this;
    }

    ProtoWriter bool(int field, boolean value) {
        if (value) {
            write(() -> out.writeBool(field, true));
        }
        return this;
    }

    ProtoWriter float64(int field, double value) {
        if (value != 0) {
            write(() -> out.writeDouble(field, value));
        }
        return this;
    }

    ProtoWriter int64(int field, long value) {
        if (value != 0) {
            write(() -> out.writeInt64(field, value));
        }
        return this;
    }

    ProtoWriter message(int field, byte[] message) {
        write(() -> out.writeByteArray(field, message));
        return this;
    }

    byte[] toByteArray() {
        write(out::flush);
        return bytes.toByteArray();
    }

    private static void write(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            // Only an in-memory stream is written to; a failure here is a bug, not an I/O condition.
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
