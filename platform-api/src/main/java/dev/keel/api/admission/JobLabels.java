package dev.keel.api.admission;

/** The labels through which a Job finds its pods, in their current and their legacy (unprefixed) forms. */
public final class JobLabels {

    public static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    public static final String JOB_NAME = "batch.kubernetes.io/job-name";
    public static final String LEGACY_CONTROLLER_UID = "controller-uid";
    public static final String LEGACY_JOB_NAME = "job-name";

    private JobLabels() {
    }
}
