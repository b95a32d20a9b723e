package dev.keel.scheduler.framework;

import java.util.List;

/**
 * The outcome of a plugin at an extension point, as data: rejections carry reasons that the failure summary, the
 * queue and preemption read.
 *
 * @param code    what happened
 * @param reasons human-readable reasons, e.g. "Insufficient cpu"; empty on success
 * @param plugin  the plugin that produced a rejection, or null
 * @param cause   the fault behind an {@link Code#ERROR}, or null
 */
public record Status(Code code, List<String> reasons, String plugin, Throwable cause) {

    private static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), null, null);
    private static final Status SKIP = new Status(Code.SKIP, List.of(), null, null);

    public Status {
        reasons = List.copyOf(reasons);
    }

    public static Status success() {
        return SUCCESS;
    }

    public static Status skip() {
        return SKIP;
    }

    public static Status unschedulable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE, List.of(reasons), null, null);
    }

    public static Status unresolvable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons), null, null);
    }

    public static Status error(String reason, Throwable cause) {
        return new Status(Code.ERROR, List.of(reason), null, cause);
    }

    /** The same status, marked as coming from the named plugin. */
    public Status from(String pluginName) {
        return plugin != null || code == Code.SUCCESS || code == Code.SKIP ? this : new Status(code, reasons, pluginName, cause);
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    public boolean isSkip() {
        return code == Code.SKIP;
    }

    /** Unschedulable, with or without hope from preemption. */
    public boolean isRejected() {
        return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
    }

    public String message() {
        return String.join(", ", reasons);
    }
}
