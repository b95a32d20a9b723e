package dev.keel.api.rest;

import dev.keel.api.admission.FieldErrors;
import dev.keel.api.registry.KindStrategy;
import dev.keel.api.selector.FieldSelector;
import dev.keel.api.selector.LabelSelector;
import dev.keel.api.status.Statuses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/** The query parameters of list and watch. */
public record ListOptions(LabelSelector labels, FieldSelector fields, long limit, String continueToken,
        String resourceVersion, String resourceVersionMatch, boolean watch, boolean allowBookmarks,
        Long timeoutSeconds, boolean sendInitialEvents) {

    /** The options of a list or watch of the kind {@code strategy} serves (its selectable fields). */
    public static ListOptions from(HttpServletRequest request, KindStrategy strategy) {
        long limit = parseLong(request.getParameter("limit"), "limit", 0);
        if (limit < 0) {
            limit = 0;
        }
        String timeout = request.getParameter("timeoutSeconds");
        String sendInitialEvents = request.getParameter("sendInitialEvents");
        ListOptions options = new ListOptions(
                LabelSelector.parse(request.getParameter("labelSelector")),
                FieldSelector.parse(request.getParameter("fieldSelector"), strategy.selectableFields()),
                limit,
                emptyToNull(request.getParameter("continue")),
                emptyToNull(request.getParameter("resourceVersion")),
                emptyToNull(request.getParameter("resourceVersionMatch")),
                flag(request.getParameter("watch")),
                flag(request.getParameter("allowWatchBookmarks")),
                timeout == null || timeout.isEmpty() ? null : parseLong(timeout, "timeoutSeconds", 0),
                flag(sendInitialEvents));
        options.validate(sendInitialEvents != null);
        return options;
    }

    /**
     * Kubernetes' boolean query parameters: absent, "0" and "false" (any case) are false, any other value (even
     * empty) is true.
     */
    static boolean flag(String value) {
        return value != null && !value.equals("0") && !value.equalsIgnoreCase("false");
    }

    /**
     * Kubernetes' checks before a list or watch reads anything: a resourceVersion that is not a number and a
     * resourceVersion given with a continue token are 400; resourceVersionMatch and sendInitialEvents that
     * contradict the rest are 422 (ListOptions is invalid).
     */
    private void validate(boolean sendInitialEventsGiven) {
        if (resourceVersion != null) {
            revision();
        }
        FieldErrors errors = new FieldErrors();
        if (watch) {
            if (sendInitialEventsGiven && !"NotOlderThan".equals(resourceVersionMatch)) {
                errors.forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan");
            }
            if (resourceVersionMatch != null) {
                if (!sendInitialEventsGiven) {
                    errors.forbidden("resourceVersionMatch",
                            "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided");
                }
                if (!resourceVersionMatch.equals("NotOlderThan")) {
                    errors.notSupported("resourceVersionMatch", resourceVersionMatch, List.of("NotOlderThan"));
                }
                if (continueToken != null) {
                    errors.forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided");
                }
            }
        } else {
            if (resourceVersionMatch != null) {
                if (resourceVersion == null) {
                    errors.forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided");
                }
                if (continueToken != null) {
                    errors.forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided");
                }
                if (!resourceVersionMatch.equals("Exact") && !resourceVersionMatch.equals("NotOlderThan")) {
                    errors.notSupported("resourceVersionMatch", resourceVersionMatch, List.of("Exact", "NotOlderThan", ""));
                }
                if (resourceVersionMatch.equals("Exact") && "0".equals(resourceVersion)) {
                    errors.forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
                }
            }
            if (sendInitialEventsGiven) {
                errors.forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list");
            }
        }
        if (!errors.isEmpty()) {
            throw Statuses.invalid("meta.k8s.io", "ListOptions", "", errors.causes());
        }
        if (continueToken != null && resourceVersion != null && !resourceVersion.equals("0")) {
            throw Statuses.badRequest("specifying resource version is not allowed when using continue");
        }
    }

    /** The resourceVersion as a revision; 0 when absent or "0". */
    public long revision() {
        if (resourceVersion == null) {
            return 0;
        }
        try {
            long value = Long.parseLong(resourceVersion);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw Statuses.badRequest("resourceVersion: Invalid value: \"" + resourceVersion + "\": must be a non-negative integer");
        }
    }

    private static long parseLong(String value, String name, long absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Statuses.badRequest(name + ": Invalid value: \"" + value + "\": must be an integer");
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
