package dev.keel.api.rest;

import dev.keel.api.codec.FieldValidation;
import dev.keel.api.status.Statuses;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The query parameters every write takes.
 *
 * @param fieldManager who is writing, for managedFields; defaults from the User-Agent as in Kubernetes
 * @param force        for server-side apply: take ownership of conflicting fields
 */
public record WriteOptions(boolean dryRun, String fieldManager, FieldValidation fieldValidation, boolean force) {

    public static WriteOptions from(HttpServletRequest request) {
        String dryRun = request.getParameter("dryRun");
        if (dryRun != null && !dryRun.isEmpty() && !dryRun.equals("All")) {
            throw Statuses.badRequest("dryRun: Unsupported value: \"" + dryRun + "\": supported values: \"All\"");
        }
        String manager = request.getParameter("fieldManager");
        if (manager == null || manager.isEmpty()) {
            manager = defaultManager(request.getHeader("User-Agent"));
        } else if (manager.length() > 128) {
            throw Statuses.badRequest("fieldManager: Too long: may not be more than 128 bytes");
        }
        String force = request.getParameter("force");
        return new WriteOptions(dryRun != null && !dryRun.isEmpty(), manager,
                FieldValidation.parse(request.getParameter("fieldValidation")), "true".equals(force));
    }

    private static String defaultManager(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return "unknown";
        }
        int slash = userAgent.indexOf('/');
        return slash > 0 ? userAgent.substring(0, slash) : userAgent;
    }
}
