package dev.keel.api.codec.protobuf;

/** A protobuf body that cannot be decoded; the message names the JSON path of the field that failed. */
final class ProtobufDecodingException extends RuntimeException {

    ProtobufDecodingException(String path, String message) {
        super(located(path, message));
    }

    ProtobufDecodingException(String path, String message, Throwable cause) {
        super(located(path, message), cause);
    }

    private static String located(String path, String message) {
        return path == null || path.isEmpty() ? message : path + ": " + message;
    }
}
