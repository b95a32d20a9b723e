package dev.keel.api.status;

import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import java.util.List;

/** Builds the {@link Status} bodies Kubernetes answers with, message texts included. */
public final class Statuses {

    private Statuses() {
    }

    public static ApiException notFound(String group, String resource, String name) {
        return failure(404, "NotFound", qualified(resource, group) + " \"" + name + "\" not found", group, resource, name, null);
    }

    /** A path that names no served resource. */
    public static ApiException pathNotFound() {
        return failure(404, "NotFound", "the server could not find the requested resource", null, null, null, null);
    }

    public static ApiException namespaceNotFound(String namespace) {
        return failure(404, "NotFound", "namespaces \"" + namespace + "\" not found", "", "namespaces", namespace, null);
    }

    public static ApiException alreadyExists(String group, String resource, String name) {
        return failure(409, "AlreadyExists", qualified(resource, group) + " \"" + name + "\" already exists",
                group, resource, name, null);
    }

    public static ApiException conflict(String group, String resource, String name, String why) {
        return failure(409, "Conflict", "Operation cannot be fulfilled on " + qualified(resource, group) + " \"" + name
                + "\": " + why, group, resource, name, null);
    }

    public static ApiException modified(String group, String resource, String name) {
        return conflict(group, resource, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    /** 422 with one cause per invalid field, e.g. {@code Deployment.apps "web" is invalid: spec.replicas: ...}. */
    public static ApiException invalid(String group, String kind, String name, List<StatusCause> causes) {
        StringBuilder message = new StringBuilder(qualified(kind, group)).append(" \"").append(name).append("\" is invalid: ");
        if (causes.size() > 1) {
            message.append('[');
        }
        for (int i = 0; i < causes.size(); i++) {
            StatusCause cause = causes.get(i);
            if (i > 0) {
                message.append(", ");
            }
            message.append(cause.getField() == null ? "" : cause.getField() + ": ").append(cause.getMessage());
        }
        if (causes.size() > 1) {
            message.append(']');
        }
        return failure(422, "Invalid", message.toString(), group, kind, name, causes);
    }

    public static ApiException badRequest(String message) {
        return failure(400, "BadRequest", message, null, null, null, null);
    }

    public static ApiException gone(String message) {
        return failure(410, "Expired", message, null, null, null, null);
    }

    public static ApiException tooLarge(String message) {
        return failure(413, "RequestEntityTooLarge", message, null, null, null, null);
    }

    /** A body in a media type the endpoint does not take; {@code accepted} lists the ones it does. */
    public static ApiException unsupportedMediaType(String contentType, String accepted) {
        return failure(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                + accepted + "; got " + contentType, null, null, null, null);
    }

    public static ApiException notAcceptable(String accept) {
        return failure(406, "NotAcceptable", "only the following media types are accepted: application/json, "
                + "application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io; got " + accept, null, null, null, null);
    }

    public static ApiException methodNotAllowed(String verb, String resource) {
        return failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"
                + (resource == null ? "" : " (" + verb + " " + resource + ")"), null, null, null, null);
    }

    public static ApiException forbidden(String group, String resource, String name, String why) {
        return failure(403, "Forbidden", qualified(resource, group) + (name == null ? "" : " \"" + name + "\"")
                + " is forbidden: " + why, group, resource, name, null);
    }

    public static ApiException unauthorized() {
        return failure(401, "Unauthorized", "Unauthorized", null, null, null, null);
    }

    public static ApiException timeout(String message, Throwable cause) {
        return new ApiException(failure(504, "Timeout", message, null, null, null, null).status(), cause);
    }

    public static ApiException unavailable(String message, Throwable cause) {
        return new ApiException(failure(503, "ServiceUnavailable", message, null, null, null, null).status(), cause);
    }

    public static ApiException internal(String message, Throwable cause) {
        return new ApiException(failure(500, "InternalError", "Internal error occurred: " + message, null, null, null, null)
                .status(), cause);
    }

    /** The Status of a successful delete that removed the object at once. */
    public static Status deleted(String group, String resource, String name, String uid) {
        return new StatusBuilder()
                .withApiVersion("v1").withKind("Status").withMetadata(new ListMeta())
                .withStatus("Success")
                .withDetails(new StatusDetailsBuilder().withName(name).withGroup(group).withKind(resource).withUid(uid).build())
                .build();
    }

    public static Status success(int code) {
        return new StatusBuilder().withApiVersion("v1").withKind("Status").withMetadata(new ListMeta())
                .withStatus("Success").withCode(code).build();
    }

    private static ApiException failure(int code, String reason, String message, String group, String kind, String name,
            List<StatusCause> causes) {
        StatusBuilder status = new StatusBuilder()
                .withApiVersion("v1").withKind("Status").withMetadata(new ListMeta())
                .withStatus("Failure").withCode(code).withReason(reason).withMessage(message);
        if (kind != null || name != null || causes != null) {
            status.withDetails(new StatusDetailsBuilder().withName(name).withGroup(group == null || group.isEmpty() ? null : group)
                    .withKind(kind).withCauses(causes).build());
        }
        return new ApiException(status.build());
    }

    private static String qualified(String resourceOrKind, String group) {
        return group == null || group.isEmpty() ? resourceOrKind : resourceOrKind + "." + group;
    }
}
