package dev.keel.api.rest;

import dev.keel.api.admission.FieldErrors;
import dev.keel.api.codec.FieldValidation;
import dev.keel.api.status.Statuses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The query parameters every write takes.
 *
 * @param fieldManager who is writing, for managedFields; defaults from the User-Agent as in Kubernetes
 * @param force        for server-side apply: take ownership of conflicting fields
 */
public record WriteOptions(boolean dryRun, String fieldManager, FieldValidation fieldValidation, boolean force) {

    public static WriteOptions from(HttpServletRequest request) {
        return from(request, "CreateOptions");
    }

    /**
     * The options of a write, validated as Kubernetes validates them: what does not validate is 422 naming the
     * options kind ({@code CreateOptions}, {@code UpdateOptions}, {@code PatchOptions}).
     */
    public static WriteOptions from(HttpServletRequest request, String optionsKind) {
        FieldErrors errors = new FieldErrors();
        String dryRun = request.getParameter("dryRun");
        if (dryRun != null && !dryRun.isEmpty() && !dryRun.equals("All")) {
            errors.notSupported("dryRun", dryRun, List.of("All"));
        }
        String manager = request.getParameter("fieldManager");
        if (manager == null || manager.isEmpty()) {
            manager = defaultManager(request.getHeader("User-Agent"));
        } else if (manager.length() > 128) {
            errors.tooLong("fieldManager", 128);
        }
        String validation = request.getParameter("fieldValidation");
        if (validation != null && !validation.isEmpty() && !List.of("Ignore", "Warn", "Strict").contains(validation)) {
            errors.notSupported("fieldValidation", validation, List.of("", "Ignore", "Strict", "Warn"));
        }
        if (!errors.isEmpty()) {
            throw Statuses.invalid("meta.k8s.io", optionsKind, "", errors.causes());
        }
        String force = request.getParameter("force");
        return new WriteOptions(dryRun != null && !dryRun.isEmpty(), manager, FieldValidation.parse(validation),
                "true".equals(force));
    }

    private static String defaultManager(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return "unknown";
        }
        int slash = userAgent.indexOf('/');
        return slash > 0 ? userAgent.substring(0, slash) : userAgent;
    }
}
