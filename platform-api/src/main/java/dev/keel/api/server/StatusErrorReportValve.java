package dev.keel.api.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the errors Tomcat raises before any servlet runs (a request line or headers over the limit, CONNECT, a
 * request it cannot parse) with a Kubernetes Status instead of an HTML page, and with kube-apiserver's codes: 431
 * for a request too large to read (Go's server answers that for the request line too), 405 for CONNECT.
 */
public class StatusErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(StatusErrorReportValve.class);
    private static final Map<Integer, String> REASONS = Map.of(
            400, "BadRequest",
            401, "Unauthorized",
            403, "Forbidden",
            404, "NotFound",
            405, "MethodNotAllowed",
            406, "NotAcceptable",
            413, "RequestEntityTooLarge",
            415, "UnsupportedMediaType",
            500, "InternalError",
            503, "ServiceUnavailable");

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String message = response.getMessage();
        if (tooLarge(throwable)) {
            status = 431;
            message = "Request Header Fields Too Large: the request line and headers may take at most "
                    + maxHeaderSize(request) + " bytes";
        } else if (status == 501 && "CONNECT".equals(request.getMethod())) {
            status = 405;
            message = "CONNECT is not supported";
        } else if (message == null || message.isEmpty()) {
            message = throwable != null && throwable.getMessage() != null ? throwable.getMessage() : "HTTP " + status;
        }
        try {
            response.setStatus(status);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(statusJson(status, message));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("could not write the {} Status for {} {}", status, request.getMethod(), request.getRequestURI(), e);
        }
    }

    private static boolean tooLarge(Throwable throwable) {
        return throwable instanceof IllegalArgumentException && throwable.getMessage() != null
                && throwable.getMessage().contains("too large");
    }

    private static Object maxHeaderSize(Request request) {
        Object size = request.getConnector() == null ? null : request.getConnector().getProperty("maxHttpRequestHeaderSize");
        return size == null ? "the configured number of" : size;
    }

    static String statusJson(int code, String message) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        String reason = REASONS.getOrDefault(code, "");
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + new String(encoder.quoteAsString(message)) + "\","
                + (reason.isEmpty() ? "" : "\"reason\":\"" + reason + "\",") + "\"code\":" + code + "}";
    }
}
