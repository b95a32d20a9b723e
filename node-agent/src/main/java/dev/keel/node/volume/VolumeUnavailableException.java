package dev.keel.node.volume;

/**
 * A pod's volume cannot be set up (its ConfigMap, Secret or claim is missing, a hostPath has the wrong type): the
 * pod's containers wait in ContainerCreating and a FailedMount event says why.
 */
public class VolumeUnavailableException extends Exception {

    public VolumeUnavailableException(String message) {
        super(message);
    }

    public VolumeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
