package dev.keel.api.admission.webhook;

import dev.keel.api.security.UserInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What webhook admission takes from and leaves on the HTTP request being served: the authenticated user (sent as
 * {@code userInfo}), the webhooks' warnings (as {@code Warning: 299} headers, kubectl prints them) and their audit
 * annotations (kept on the request under {@link #AUDIT_ANNOTATIONS}; there is no audit log to write them to yet).
 */
@Component
public class WebhookRequestContext {

    /** Request attribute: a {@code Map<String, String>} of {@code <webhook name>/<key>} to value. */
    public static final String AUDIT_ANNOTATIONS = WebhookRequestContext.class.getName() + ".auditAnnotations";

    private final WebhookProperties properties;

    public WebhookRequestContext(WebhookProperties properties) {
        this.properties = properties;
    }

    /** The request's user, or platform-api's own identity for writes made outside an HTTP request. */
    UserInfo user() {
        HttpServletRequest request = request();
        if (request != null && request.getAttribute(UserInfo.ATTRIBUTE) instanceof UserInfo user) {
            return user;
        }
        return new UserInfo(properties.getServiceUser(), "", properties.getServiceGroups());
    }

    void warn(List<String> warnings) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (warnings.isEmpty() || !(attributes instanceof ServletRequestAttributes servlet)) {
            return;
        }
        HttpServletResponse response = servlet.getResponse();
        if (response == null) {
            return;
        }
        for (String warning : warnings) {
            response.addHeader("Warning", "299 - \"" + warning.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
    }

    @SuppressWarnings("unchecked")
    void annotate(String webhook, Map<String, String> annotations) {
        HttpServletRequest request = request();
        if (annotations.isEmpty() || request == null) {
            return;
        }
        synchronized (request) {
            Map<String, String> kept = (Map<String, String>) request.getAttribute(AUDIT_ANNOTATIONS);
            if (kept == null) {
                kept = new LinkedHashMap<>();
                request.setAttribute(AUDIT_ANNOTATIONS, kept);
            }
            for (Map.Entry<String, String> entry : annotations.entrySet()) {
                kept.put(webhook + "/" + entry.getKey(), entry.getValue());
            }
        }
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet
                ? servlet.getRequest() : null;
    }
}
