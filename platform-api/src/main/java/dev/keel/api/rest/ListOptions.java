package dev.keel.api.rest;

import dev.keel.api.resource.ResourceType;
import dev.keel.api.selector.FieldSelector;
import dev.keel.api.selector.LabelSelector;
import dev.keel.api.status.Statuses;
import jakarta.servlet.http.HttpServletRequest;

/** The query parameters of list and watch. */
public record ListOptions(LabelSelector labels, FieldSelector fields, long limit, String continueToken,
        String resourceVersion, String resourceVersionMatch, boolean watch, boolean allowBookmarks,
        Long timeoutSeconds, boolean sendInitialEvents) {

    public static ListOptions from(HttpServletRequest request, ResourceType type) {
        long limit = parseLong(request.getParameter("limit"), "limit", 0);
        if (limit < 0) {
            limit = 0;
        }
        String timeout = request.getParameter("timeoutSeconds");
        return new ListOptions(
                LabelSelector.parse(request.getParameter("labelSelector")),
                FieldSelector.parse(request.getParameter("fieldSelector"), type),
                limit,
                emptyToNull(request.getParameter("continue")),
                emptyToNull(request.getParameter("resourceVersion")),
                emptyToNull(request.getParameter("resourceVersionMatch")),
                "true".equals(request.getParameter("watch")) || "1".equals(request.getParameter("watch")),
                "true".equals(request.getParameter("allowWatchBookmarks")),
                timeout == null || timeout.isEmpty() ? null : parseLong(timeout, "timeoutSeconds", 0),
                "true".equals(request.getParameter("sendInitialEvents")));
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
