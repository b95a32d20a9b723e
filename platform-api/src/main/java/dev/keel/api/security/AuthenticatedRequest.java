package dev.keel.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * The request as seen after authentication: it names its user ({@link #getUserPrincipal()}) and no longer shows
 * the Authorization header, so no handler can log or forward (proxy subresources) the credential.
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {

    private final UserInfo user;

    AuthenticatedRequest(HttpServletRequest request, UserInfo user) {
        super(request);
        this.user = user;
    }

    @Override
    public String getHeader(String name) {
        return hidden(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = Collections.list(super.getHeaderNames());
        names.removeIf(AuthenticatedRequest::hidden);
        return Collections.enumeration(names);
    }

    @Override
    public Principal getUserPrincipal() {
        return user.isAnonymous() ? null : user::name;
    }

    @Override
    public String getRemoteUser() {
        return user.isAnonymous() ? null : user.name();
    }

    private static boolean hidden(String name) {
        return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name);
    }
}
