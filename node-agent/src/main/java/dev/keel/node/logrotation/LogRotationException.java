package dev.keel.node.logrotation;

/** A container's log could not be rotated; the message names the container and the file, the cause says why. */
public class LogRotationException extends Exception {

    public LogRotationException(String message, Throwable cause) {
        super(message, cause);
    }
}
