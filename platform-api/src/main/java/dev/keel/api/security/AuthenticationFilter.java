package dev.keel.api.security;

import dev.keel.api.rest.OutputFormat;
import dev.keel.api.rest.ResponseRenderer;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.Status;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request before anything else sees it. Valid credentials put a {@link UserInfo} on the
 * request; invalid ones, or none outside the health endpoints, get 401 with Kubernetes' Unauthorized Status.
 */
public final class AuthenticationFilter extends OncePerRequestFilter {

    /** Early, so no other filter or handler runs for an unauthenticated request; later filters (RBAC) follow. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** What Kubernetes' system:public-info-viewer lets anyone read: health and the server's version. */
    private static final Set<String> PUBLIC_PATHS = Set.of("/livez", "/readyz", "/healthz", "/version", "/version/");
    private static final String CLIENT_CHAIN = "jakarta.servlet.request.X509Certificate";
    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);
    /** Built once: rejected requests can come in floods, and the body never varies. */
    private static final Status UNAUTHORIZED = Statuses.unauthorized().status();

    private final RequestAuthenticator authenticator;
    private final ResponseRenderer renderer;

    public AuthenticationFilter(RequestAuthenticator authenticator, ResponseRenderer renderer) {
        this.authenticator = authenticator;
        this.renderer = renderer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<UserInfo> user;
        try {
            user = authenticator.authenticate(clientChain(request), request.getHeader(HttpHeaders.AUTHORIZATION));
        } catch (AuthenticationException e) {
            // Debug only: a client retrying with a stale token must not flood the log.
            log.debug("Unable to authenticate {} {} from {}: {}", request.getMethod(), request.getRequestURI(),
                    request.getRemoteAddr(), e.getMessage());
            unauthorized(response);
            return;
        }
        if (user.isEmpty()) {
            if (!PUBLIC_PATHS.contains(request.getRequestURI())) {
                log.debug("No credentials on {} {} from {}", request.getMethod(), request.getRequestURI(),
                        request.getRemoteAddr());
                unauthorized(response);
                return;
            }
            user = Optional.of(UserInfo.ANONYMOUS);
        }
        request.setAttribute(UserInfo.ATTRIBUTE, user.get());
        chain.doFilter(new AuthenticatedRequest(request, user.get()), response);
    }

    private static X509Certificate[] clientChain(HttpServletRequest request) {
        return request.getAttribute(CLIENT_CHAIN) instanceof X509Certificate[] certificates ? certificates : null;
    }

    private void unauthorized(HttpServletResponse response) throws IOException {
        renderer.write(response, HttpServletResponse.SC_UNAUTHORIZED, UNAUTHORIZED, OutputFormat.JSON);
    }
}
