package dev.keel.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.apiextensions.serving.CustomResourceHandling;
import dev.keel.api.node.PodAttachProxy;
import dev.keel.api.node.PodExecProxy;
import dev.keel.api.node.PodLogProxy;
import dev.keel.api.node.PodPortForwardProxy;
import dev.keel.api.patch.ObjectPatcher;
import dev.keel.api.patch.PatchType;
import dev.keel.api.patch.ServerSideApply;
import dev.keel.api.registry.KindStrategies;
import dev.keel.api.registry.ModelConverter;
import dev.keel.api.registry.ObjectDeleter;
import dev.keel.api.registry.ObjectReader;
import dev.keel.api.registry.ObjectWriter;
import dev.keel.api.registry.SubresourceOperations;
import dev.keel.api.registry.WriteMode;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.Statuses;
import dev.keel.api.watch.WebSocketWatchUpgrade;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every resource URL under {@code /api/v1} and {@code /apis/GROUP/VERSION}: decodes the path, picks the verb
 * from the method and parameters, and hands over to the readers and writers.
 */
@RestController
public class ResourceController {

    private final RequestInfoParser parser;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final ObjectDeleter deleter;
    private final WatchOperation watches;
    private final SubresourceOperations subresources;
    private final ObjectPatcher patcher;
    private final ServerSideApply serverSideApply;
    private final RequestBodies bodies;
    private final ResponseRenderer renderer;
    private final PodLogProxy podLogs;
    private final PodExecProxy podExec;
    private final PodAttachProxy podAttach;
    private final PodPortForwardProxy podPortForward;
    private final ModelConverter models;
    private final CustomResourceHandling custom;
    private final KindStrategies strategies;

    public ResourceController(RequestInfoParser parser, ObjectReader reader, ObjectWriter writer, ObjectDeleter deleter,
            WatchOperation watches, SubresourceOperations subresources, ObjectPatcher patcher, ServerSideApply serverSideApply,
            RequestBodies bodies, ResponseRenderer renderer, PodLogProxy podLogs, PodExecProxy podExec,
            PodAttachProxy podAttach, PodPortForwardProxy podPortForward, ModelConverter models, KindStrategies strategies,
            CustomResourceHandling custom) {
        this.strategies = strategies;
        this.custom = custom;
        this.parser = parser;
        this.reader = reader;
        this.writer = writer;
        this.deleter = deleter;
        this.watches = watches;
        this.subresources = subresources;
        this.patcher = patcher;
        this.serverSideApply = serverSideApply;
        this.bodies = bodies;
        this.renderer = renderer;
        this.podLogs = podLogs;
        this.podExec = podExec;
        this.podAttach = podAttach;
        this.podPortForward = podPortForward;
        this.models = models;
    }

    @RequestMapping({"/api/*/**", "/apis/*/*/**"})
    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestInfo info = parser.parse(request.getRequestURI());
        request.setAttribute(RequestInfo.class.getName(), info);
        switch (request.getMethod()) {
            case "GET" -> get(info, request, response);
            case "POST" -> post(info, request, response);
            case "PUT" -> put(info, request, response);
            case "PATCH" -> patch(info, request, response);
            case "DELETE" -> delete(info, request, response);
            default -> throw Statuses.methodNotAllowed(request.getMethod(), info.resourceWithSubresource());
        }
    }

    private void get(RequestInfo info, HttpServletRequest request, HttpServletResponse response) throws IOException {
        OutputFormat format = negotiate(info, request);
        String includeObject = request.getParameter("includeObject");
        if (info.isCollection()) {
            ListOptions options = listOptions(request, info);
            if (options.watch()) {
                verb(request, "watch");
                watches.watch(request, response, info.type(), info.namespace(), options, format, includeObject);
                return;
            }
            verb(request, "list");
            ObjectReader.ListResult result = reader.list(info.type(), info.namespace(), options);
            renderer.writeList(response, info.type(), result.items(), result.revision(), result.continueToken(), format,
                    includeObject);
            return;
        }
        verb(request, "get");
        if (info.subresource() == null || info.subresource().equals("status")
                || info.subresource().equals("ephemeralcontainers")) {
            renderer.writeStored(response, info.type(), reader.get(info), format, includeObject);
        } else if (info.subresource().equals("scale")) {
            renderer.write(response, 200, subresources.getScale(info), format.plain());
        } else if (info.subresource().equals("log")) {
            podLogs.proxy(info.namespace(), info.name(), request, response);
        } else if (info.subresource().equals("exec")) {
            // WebSocket clients (kubectl 1.30+) upgrade with GET; SPDY clients with POST.
            podExec.proxy(info.namespace(), info.name(), request, response);
        } else if (info.subresource().equals("attach")) {
            podAttach.proxy(info.namespace(), info.name(), request, response);
        } else if (info.subresource().equals("portforward")) {
            // kubectl 1.30+ opens its SPDY-over-WebSocket tunnel with GET.
            podPortForward.proxy(info.namespace(), info.name(), request, response);
        } else {
            throw nodeSubresource(info);
        }
    }

    private void post(RequestInfo info, HttpServletRequest request, HttpServletResponse response) throws IOException {
        OutputFormat format = negotiate(info, request);
        WriteOptions options = WriteOptions.from(request, "CreateOptions");
        List<String> warnings = new ArrayList<>();
        if (info.isCollection()) {
            verb(request, "create");
            if (info.type().namespaced() && info.namespace() == null) {
                throw Statuses.methodNotAllowed("create", info.resource() + " without a namespace in the URL");
            }
            ObjectNode created = writer.create(info, bodies.readObject(request, info.type(), options.fieldValidation(), warnings),
                    options, warnings);
            warn(response, warnings);
            renderer.writeObject(response, 201, info.type(), created, format, null);
            return;
        }
        verb(request, "create");
        switch (info.subresource() == null ? "" : info.subresource()) {
            case "binding" -> {
                subresources.bind(info, bodies.readObject(request), options);
                renderer.write(response, 201, Statuses.success(201), format.plain());
            }
            case "eviction" -> {
                subresources.evict(info, bodies.readObject(request), options.dryRun());
                renderer.write(response, 201, Statuses.success(201), format.plain());
            }
            case "exec" -> podExec.proxy(info.namespace(), info.name(), request, response);
            case "attach" -> podAttach.proxy(info.namespace(), info.name(), request, response);
            case "portforward" -> podPortForward.proxy(info.namespace(), info.name(), request, response);
            default -> throw Statuses.methodNotAllowed("POST", info.resourceWithSubresource());
        }
    }

    private void put(RequestInfo info, HttpServletRequest request, HttpServletResponse response) throws IOException {
        requireName(info, "update");
        verb(request, "update");
        OutputFormat format = negotiate(info, request);
        WriteOptions options = WriteOptions.from(request, "UpdateOptions");
        List<String> warnings = new ArrayList<>();
        JsonNode body = bodies.readObject(request, info.type(), options.fieldValidation(), warnings);
        String subresource = info.subresource() == null ? "" : info.subresource();
        switch (subresource) {
            case "scale" -> renderer.write(response, 200, subresources.updateScale(info, body, null, options, warnings),
                    format.plain());
            case "", "status", "finalize", "ephemeralcontainers" -> {
                ObjectNode replacement = checkReplacement(body, info);
                ObjectNode desired = writer.update(info, current -> {
                    checkUidPrecondition(replacement, current, info);
                    return replacement.deepCopy();
                }, options, warnings, WriteMode.UPDATE);
                warn(response, warnings);
                renderer.writeObject(response, 200, info.type(), desired, format, null);
            }
            default -> throw Statuses.methodNotAllowed("PUT", info.resourceWithSubresource());
        }
    }

    private void patch(RequestInfo info, HttpServletRequest request, HttpServletResponse response) throws IOException {
        requireName(info, "patch");
        verb(request, "patch");
        OutputFormat format = negotiate(info, request);
        PatchType patchType = PatchType.fromContentType(request.getContentType());
        custom.checkPatchType(info.type(), patchType);
        WriteOptions options = WriteOptions.from(request, "PatchOptions");
        List<String> warnings = new ArrayList<>();
        JsonNode patch = bodies.readPatch(request, patchType.isApply(), info.type(), options.fieldValidation(), warnings);
        String subresource = info.subresource() == null ? "" : info.subresource();
        ObjectNode result;
        switch (subresource) {
            case "scale" -> {
                if (patchType.isApply()) {
                    throw Statuses.unsupportedMediaType(request.getContentType(), "application/json-patch+json, "
                            + "application/merge-patch+json, application/strategic-merge-patch+json");
                }
                renderer.write(response, 200, subresources.updateScale(info, patch, patchType, options, warnings),
                        format.plain());
                return;
            }
            case "", "status", "ephemeralcontainers" -> {
                if (patchType.isApply()) {
                    if (!"true".equals(request.getParameter("force")) && request.getParameter("fieldManager") == null) {
                        throw Statuses.badRequest("PATCH with apply requires the fieldManager query parameter");
                    }
                    ObjectNode applied = checkApplied(patch, info);
                    models.checkTypes(applied, info.type());
                    result = writer.update(info, current -> serverSideApply.apply(current, applied, info.type(),
                            options.fieldManager(), options.force()), options, warnings, WriteMode.apply(info.subresource()));
                } else {
                    result = writer.update(info, current -> keepsName(patcher.apply(patchType, current, patch, info.type()),
                            info), options, warnings, WriteMode.UPDATE);
                }
            }
            default -> throw Statuses.methodNotAllowed("PATCH", info.resourceWithSubresource());
        }
        warn(response, warnings);
        renderer.writeObject(response, 200, info.type(), result, format, null);
    }

    private void delete(RequestInfo info, HttpServletRequest request, HttpServletResponse response) throws IOException {
        OutputFormat format = negotiate(info, request);
        JsonNode deleteBody = bodies.readOptional(request);
        if (deleteBody != null) {
            models.checkDeleteOptions(deleteBody);
        }
        DeleteOptions options = DeleteOptions.from(request, deleteBody);
        if (info.subresource() != null) {
            throw Statuses.methodNotAllowed("DELETE", info.resourceWithSubresource());
        }
        if (info.isCollection()) {
            verb(request, "deletecollection");
            ListOptions listOptions = listOptions(request, info);
            deleter.deleteAll(info.type(), reader.list(info.type(), info.namespace(), listOptions).items(), options);
            renderer.write(response, 200, Statuses.success(200), format.plain());
            return;
        }
        verb(request, "delete");
        ObjectDeleter.Result result = deleter.delete(info.type(), info.namespace(), info.name(), options);
        if (!result.removed() || strategies.of(info.type()).returnsDeletedObject()) {
            renderer.writeObject(response, 200, info.type(), result.object(), format, null);
        } else {
            renderer.write(response, 200, Statuses.deleted(info.group(), info.resource(), info.name(), result.uid()),
                    format.plain());
        }
    }

    /**
     * A PUT body must be an object naming the object on the URL (Kubernetes' checkName: a body without a name,
     * such as {@code {}}, is refused rather than read as "clear everything").
     */
    private static ObjectNode checkReplacement(JsonNode body, RequestInfo info) {
        if (!(body instanceof ObjectNode object)) {
            throw Statuses.badRequest(info.type().kind() + " in version \"" + info.type().version()
                    + "\" cannot be handled as a " + info.type().kind() + ": json: cannot unmarshal "
                    + jsonKind(body) + " into Go value of type struct");
        }
        JsonNode name = object.path("metadata").path("name");
        String sent = name.isTextual() ? name.asText() : "";
        if (!name.isMissingNode() && !name.isNull() && !name.isTextual()) {
            return object; // the wrong type is reported by decoding, naming the field
        }
        if (!sent.equals(info.name())) {
            throw Statuses.badRequest("the name of the object (" + sent + ") does not match the name on the URL ("
                    + info.name() + ")");
        }
        return object;
    }

    /** A PUT whose metadata.uid is another object's fails its precondition, as in Kubernetes (409). */
    private static void checkUidPrecondition(ObjectNode replacement, ObjectNode current, RequestInfo info) {
        String sent = replacement.path("metadata").path("uid").asText("");
        String stored = current.path("metadata").path("uid").asText("");
        if (!sent.isEmpty() && !sent.equals(stored)) {
            throw Statuses.conflict(info.group(), info.resource(), info.name(), "Precondition failed: UID in precondition: "
                    + sent + ", UID in object meta: " + stored);
        }
    }

    /** A patch may not remove or change the name: Kubernetes finds the name immutable (422). */
    private static ObjectNode keepsName(ObjectNode patched, RequestInfo info) {
        String name = patched.path("metadata").path("name").asText("");
        if (!name.equals(info.name())) {
            throw Statuses.invalid(info.group(), info.type().kind(), info.name(), List.of(ObjectWriter.immutable("metadata.name", name)));
        }
        return patched;
    }

    private static String jsonKind(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> "number";
            case STRING -> "string";
            case BOOLEAN -> "bool";
            case ARRAY -> "array";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase();
        };
    }

    private static ObjectNode checkApplied(JsonNode patch, RequestInfo info) {
        if (!(patch instanceof ObjectNode applied)) {
            throw Statuses.badRequest("the applied configuration must be an object");
        }
        ResourceType type = info.type();
        String apiVersion = applied.path("apiVersion").asText("");
        String kind = applied.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            throw Statuses.badRequest("invalid object type: apiVersion and kind must be set in an applied configuration");
        }
        String name = applied.path("metadata").path("name").asText("");
        if (!name.isEmpty() && !name.equals(info.name())) {
            throw Statuses.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
                    + info.name() + ")");
        }
        if (!apiVersion.equals(type.apiVersion()) || !kind.equals(type.kind())) {
            throw Statuses.badRequest("the applied object is " + apiVersion + ", Kind=" + kind + " but the URL names "
                    + type.apiVersion() + ", Kind=" + type.kind());
        }
        return applied;
    }

    private static void requireName(RequestInfo info, String verb) {
        if (info.isCollection()) {
            throw Statuses.methodNotAllowed(verb, info.resource() + " (a name is required)");
        }
    }

    private static void verb(HttpServletRequest request, String verb) {
        request.setAttribute(dev.keel.api.metrics.RequestMetricsFilter.VERB_ATTRIBUTE, verb);
    }

    private static void warn(HttpServletResponse response, List<String> warnings) {
        for (String warning : warnings) {
            response.addHeader("Warning", "299 - \"" + warning.replace("\"", "\\\"") + "\"");
        }
    }

    /**
     * The answer's format from {@code Accept}: protobuf when preferred and the kind has a protobuf form, except on
     * WebSocket watches, whose frames are JSON here.
     */
    private OutputFormat negotiate(RequestInfo info, HttpServletRequest request) {
        boolean protobuf = renderer.protobufSupported(info.type()) && !WebSocketWatchUpgrade.requested(request);
        return OutputFormat.negotiate(request.getHeader("Accept"), protobuf);
    }

    private static dev.keel.api.status.ApiException nodeSubresource(RequestInfo info) {
        // Logs, exec, attach and port-forward are proxied to the pod's node agent; other subresources are not.
        return Statuses.unavailable(info.resourceWithSubresource() + " is not served by keel's node agent yet", null);
    }

    /** List/watch options by the kind's strategy; custom kinds without selectable fields refuse others in their words. */
    private ListOptions listOptions(HttpServletRequest request, RequestInfo info) {
        custom.checkFieldSelector(info.type(), request.getParameter("fieldSelector"));
        return ListOptions.from(request, strategies.of(info.type()));
    }
}
