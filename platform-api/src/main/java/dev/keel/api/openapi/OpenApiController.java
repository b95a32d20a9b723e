package dev.keel.api.openapi;

import dev.keel.api.status.Statuses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the OpenAPI documents kubectl reads for {@code apply}/{@code create} validation and for
 * {@code explain}: /openapi/v3 (an index, then one document per group-version) and /openapi/v2.
 *
 * <p>Writes to the servlet response itself: kubectl's protobuf media type contains an '@', which Spring's
 * media type parser rejects, so Spring's content negotiation must not see the Accept header.
 */
@RestController
public class OpenApiController {

    /** What kubectl asks for. Not a valid media type ('@'), so answers name the form below. */
    static final String PROTOBUF_V2_REQUESTED = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
    /** The valid form: Go's mime parser, which kubectl reads Content-Type with, rejects the '@'. */
    static final String PROTOBUF_V2 = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
    private static final String JSON = "application/json";

    private final OpenApiDocuments documents;

    public OpenApiController(OpenApiDocuments documents) {
        this.documents = documents;
    }

    @GetMapping("/openapi/v2")
    public void swagger(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String accept = request.getHeader("Accept");
        switch (preferred(accept)) {
            case PROTOBUF -> send(request, response, documents.swaggerProtobuf(), PROTOBUF_V2, "no-cache, private");
            case JSON -> send(request, response, documents.swaggerJson(), JSON, "no-cache, private");
            default -> throw Statuses.notAcceptable(accept);
        }
    }

    /** The path clients before 1.10 used, and kubectl still tries when /openapi/v2 answers 404. */
    @GetMapping("/swagger-2.0.0.pb-v1")
    public void legacySwagger(HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(request, response, documents.swaggerProtobuf(), "application/octet-stream", "no-cache, private");
    }

    @GetMapping("/openapi/v3")
    public void discovery(HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(request, response, documents.discovery(), JSON, "no-cache, private");
    }

    @GetMapping("/openapi/v3/api/{version}")
    public void core(@PathVariable String version, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        groupVersion("api/" + version, request, response);
    }

    @GetMapping("/openapi/v3/apis/{group}/{version}")
    public void group(@PathVariable String group, @PathVariable String version, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        groupVersion("apis/" + group + "/" + version, request, response);
    }

    private void groupVersion(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        RenderedDocument document = documents.groupVersion(path).orElseThrow(Statuses::pathNotFound);
        String accept = request.getHeader("Accept");
        if (preferred(accept) != Encoding.JSON) {
            throw Statuses.notAcceptable(accept);
        }
        String hash = request.getParameter("hash");
        if (hash == null) {
            send(request, response, document, JSON, "no-cache, private");
        } else if (hash.equals(document.hash())) {
            // The URL names this exact content, so clients may keep it for good.
            send(request, response, document, JSON, "public, immutable");
        } else {
            // A stale hash from an older index: point the client at the current content, as the API server does.
            response.setHeader("Cache-Control", "no-cache, no-store");
            response.setHeader("Location", request.getContextPath() + "/openapi/v3/" + path + "?hash=" + document.hash());
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        }
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, RenderedDocument document,
            String contentType, String cacheControl) throws IOException {
        response.setHeader("ETag", document.etag());
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("Vary", "Accept");
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(document.etag()) || ifNoneMatch.contains(document.hash()))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType);
        response.setContentLength(document.body().length);
        response.getOutputStream().write(document.body());
    }

    enum Encoding { JSON, PROTOBUF, NONE }

    /** The first encoding the Accept header lists that a document comes in; JSON when there is no header. */
    static Encoding preferred(String accept) {
        if (accept == null || accept.isBlank()) {
            return Encoding.JSON;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";")[0].trim().toLowerCase();
            if (type.equals(PROTOBUF_V2_REQUESTED) || type.equals(PROTOBUF_V2)) {
                return Encoding.PROTOBUF;
            }
            if (type.equals(JSON) || type.equals("application/*") || type.equals("*/*")) {
                return Encoding.JSON;
            }
        }
        return Encoding.NONE;
    }
}
