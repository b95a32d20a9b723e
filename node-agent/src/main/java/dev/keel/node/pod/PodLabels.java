package dev.keel.node.pod;

/** Labels the agent puts on sandboxes and containers, so it finds a pod's pieces again (after a restart too). */
public final class PodLabels {

    public static final String POD_UID = "keel.dev/pod-uid";
    public static final String POD_NAME = "keel.dev/pod-name";
    public static final String POD_NAMESPACE = "keel.dev/pod-namespace";
    public static final String CONTAINER_NAME = "keel.dev/container-name";

    private PodLabels() {
    }
}
