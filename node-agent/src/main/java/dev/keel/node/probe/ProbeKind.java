package dev.keel.node.probe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;

/** The three probes of a container and what each one's result is before it has run. */
public enum ProbeKind {

    /** Healthy until proven otherwise: a container is not restarted before its probe failed. */
    LIVENESS("Liveness", true),
    /** Not ready until the probe passed. */
    READINESS("Readiness", false),
    /** Not started until the probe passed; liveness and readiness wait for it. */
    STARTUP("Startup", false);

    private final String title;
    private final boolean initialSuccess;

    ProbeKind(String title, boolean initialSuccess) {
        this.title = title;
        this.initialSuccess = initialSuccess;
    }

    /** "Liveness", "Readiness", "Startup", as the kubelet's event messages say. */
    public String title() {
        return title;
    }

    public boolean initialSuccess() {
        return initialSuccess;
    }

    /** The container's probe of this kind, or null. */
    public Probe of(Container container) {
        return switch (this) {
            case LIVENESS -> container.getLivenessProbe();
            case READINESS -> container.getReadinessProbe();
            case STARTUP -> container.getStartupProbe();
        };
    }
}
