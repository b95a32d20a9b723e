package dev.keel.api.rest;

import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;
import dev.keel.api.store.RevisionCompactedException;
import dev.keel.api.store.StoreException;
import dev.keel.api.store.StoreUnavailableException;
import dev.keel.api.store.ValueTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure leaves as a Kubernetes Status with the matching HTTP code. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ResponseRenderer renderer;

    public ApiExceptionHandler(ResponseRenderer renderer) {
        this.renderer = renderer;
    }

    @ExceptionHandler(ApiException.class)
    public void api(ApiException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (e.code() >= 500) {
            log.warn("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e.getCause());
        } else {
            log.debug("{} {} answered {}: {}", request.getMethod(), request.getRequestURI(), e.code(), e.getMessage());
        }
        send(request, response, e);
    }

    @ExceptionHandler(StoreException.class)
    public void store(StoreException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiException mapped;
        if (e instanceof ValueTooLargeException) {
            mapped = Statuses.tooLarge("the object is too large to store: " + e.getMessage());
        } else if (e instanceof RevisionCompactedException) {
            mapped = Statuses.gone(e.getMessage());
        } else if (e instanceof StoreUnavailableException) {
            mapped = e.getCause() instanceof java.util.concurrent.TimeoutException
                    ? Statuses.timeout(e.getMessage(), e) : Statuses.unavailable(e.getMessage(), e);
        } else {
            mapped = Statuses.internal(e.getMessage(), e);
        }
        api(mapped, request, response);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public void method(HttpRequestMethodNotSupportedException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        send(request, response, Statuses.methodNotAllowed(e.getMethod(), null));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public void notFound(NoResourceFoundException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        send(request, response, Statuses.pathNotFound());
    }

    @ExceptionHandler(RuntimeException.class)
    public void unexpected(RuntimeException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        log.error("{} {} failed unexpectedly", request.getMethod(), request.getRequestURI(), e);
        send(request, response, Statuses.internal(e.getClass().getSimpleName() + ": " + e.getMessage(), e));
    }

    private void send(HttpServletRequest request, HttpServletResponse response, ApiException e) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        // As kube-apiserver: a Status that says when to come back (a 429 of an eviction) says it in Retry-After too.
        if (e.status().getDetails() != null && e.status().getDetails().getRetryAfterSeconds() != null
                && e.status().getDetails().getRetryAfterSeconds() > 0) {
            response.setHeader("Retry-After", e.status().getDetails().getRetryAfterSeconds().toString());
        }
        renderer.write(response, e.code(), e.status(), statusFormat(request, e));
    }

    /**
     * A Status goes out in protobuf when the client prefers it for a kind that has a protobuf form (Go clients decode
     * errors by Content-Type); otherwise, and whenever Accept itself is what failed, as JSON (or YAML when asked).
     */
    private OutputFormat statusFormat(HttpServletRequest request, ApiException e) {
        if (e.code() == 406) {
            return OutputFormat.JSON;
        }
        Object info = request.getAttribute(RequestInfo.class.getName());
        boolean protobuf = !(info instanceof RequestInfo requestInfo) || renderer.protobufSupported(requestInfo.type());
        try {
            return OutputFormat.negotiate(request.getHeader("Accept"), protobuf).plain();
        } catch (ApiException notAcceptable) {
            return OutputFormat.JSON;
        }
    }
}
