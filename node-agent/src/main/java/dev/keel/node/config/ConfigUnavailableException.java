package dev.keel.node.config;

/**
 * A container's environment refers to a ConfigMap, Secret or key that does not exist and is not optional: the
 * container waits with CreateContainerConfigError until it appears. The message says which, as the kubelet's does.
 */
public class ConfigUnavailableException extends Exception {

    public ConfigUnavailableException(String message) {
        super(message);
    }
}
