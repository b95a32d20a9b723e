package dev.keel.api.openapi;

import static dev.keel.api.openapi.ApiParameter.query;

import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Patch;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The paths and operations platform-api serves for one resource type, with the query parameters
 * ResourceController honours. Every write lists {@code fieldValidation}: kubectl reads that to choose
 * server-side validation over validating against the schema itself.
 */
final class ResourcePaths {

    static final List<String> PATCH_TYPES = List.of("application/json-patch+json", "application/merge-patch+json",
            "application/strategic-merge-patch+json", "application/apply-patch+yaml");

    private static final List<ApiParameter> WRITE = List.of(query("dryRun", "string"), query("fieldManager", "string"),
            query("fieldValidation", "string"));
    private static final List<ApiParameter> PATCH = concat(WRITE, List.of(query("force", "boolean")));
    private static final List<ApiParameter> SELECT = List.of(query("continue", "string"), query("fieldSelector", "string"),
            query("labelSelector", "string"), query("limit", "integer"), query("resourceVersion", "string"),
            query("resourceVersionMatch", "string"), query("sendInitialEvents", "boolean"),
            query("timeoutSeconds", "integer"));
    private static final List<ApiParameter> LIST = concat(List.of(query("allowWatchBookmarks", "boolean")),
            concat(SELECT, List.of(query("watch", "boolean"))));
    private static final List<ApiParameter> DELETE = List.of(query("dryRun", "string"),
            query("gracePeriodSeconds", "integer"), query("orphanDependents", "boolean"),
            query("propagationPolicy", "string"));
    private static final List<ApiParameter> DELETE_COLLECTION = concat(DELETE, SELECT);

    /** Subresources with a schema; log, exec, attach and port-forward stream and are left out. */
    private static final Map<String, Subresource> SUBRESOURCES = Map.of(
            "status", new Subresource("Status", List.of("get", "put", "patch"), null),
            "scale", new Subresource("Scale", List.of("get", "put", "patch"), Scale.class),
            "binding", new Subresource("Binding", List.of("post"), Binding.class),
            "eviction", new Subresource("Eviction", List.of("post"), Eviction.class),
            "finalize", new Subresource("Finalize", List.of("put"), null),
            "ephemeralcontainers", new Subresource("Ephemeralcontainers", List.of("get", "put", "patch"), null));

    private record Subresource(String idSuffix, List<String> methods, Class<?> model) {
    }

    private ResourcePaths() {
    }

    static List<ApiPath> of(ResourceType type) {
        GroupVersionKind gvk = new GroupVersionKind(type.group(), type.version(), type.kind());
        Class<?> list = listClass(type);
        String prefix = type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.group() + "/" + type.version();
        String id = idPrefix(type) + (type.namespaced() ? "Namespaced" : "") + type.kind();
        List<ApiParameter> scope = type.namespaced() ? List.of(ApiParameter.path("namespace")) : List.of();
        String collection = prefix + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
        Class<?> model = type.modelClass();

        List<ApiPath> paths = new ArrayList<>();
        paths.add(new ApiPath(collection, scope, List.of(
                new ApiOperation("get", "list" + id, "list", gvk, LIST, null, list, List.of()),
                new ApiOperation("post", "create" + id, "post", gvk, WRITE, model, model, List.of()),
                new ApiOperation("delete", "delete" + idPrefix(type) + "Collection" + id.substring(idPrefix(type).length()),
                        "deletecollection", gvk, DELETE_COLLECTION, DeleteOptions.class, Status.class, List.of()))));
        List<ApiParameter> named = concat(scope, List.of(ApiParameter.path("name")));
        paths.add(new ApiPath(collection + "/{name}", named, List.of(
                new ApiOperation("get", "read" + id, "get", gvk, List.of(), null, model, List.of()),
                new ApiOperation("put", "replace" + id, "put", gvk, WRITE, model, model, List.of()),
                new ApiOperation("patch", "patch" + id, "patch", gvk, PATCH, Patch.class, model, PATCH_TYPES),
                new ApiOperation("delete", "delete" + id, "delete", gvk, DELETE, DeleteOptions.class, Status.class,
                        List.of()))));
        for (String name : type.subresources().stream().sorted().toList()) {
            Subresource subresource = SUBRESOURCES.get(name);
            if (subresource != null) {
                paths.add(subresourcePath(collection + "/{name}/" + name, named, id + subresource.idSuffix(), subresource,
                        gvk, model));
            }
        }
        if (type.namespaced()) {
            paths.add(new ApiPath(prefix + "/" + type.plural(), List.of(), List.of(new ApiOperation("get",
                    "list" + idPrefix(type) + type.kind() + "ForAllNamespaces", "list", gvk, LIST, null, list, List.of()))));
        }
        return paths;
    }

    private static ApiPath subresourcePath(String path, List<ApiParameter> named, String id, Subresource subresource,
            GroupVersionKind parent, Class<?> parentModel) {
        Class<?> model = subresource.model() == null ? parentModel : subresource.model();
        GroupVersionKind gvk = subresource.model() == null ? parent : GroupVersionKind.of(model).orElse(parent);
        List<ApiOperation> operations = new ArrayList<>();
        for (String method : subresource.methods()) {
            operations.add(switch (method) {
                case "get" -> new ApiOperation("get", "read" + id, "get", gvk, List.of(), null, model, List.of());
                case "put" -> new ApiOperation("put", "replace" + id, "put", gvk, WRITE, model, model, List.of());
                case "patch" -> new ApiOperation("patch", "patch" + id, "patch", gvk, PATCH, Patch.class, model, PATCH_TYPES);
                case "post" -> new ApiOperation("post", "create" + id, "post", gvk, WRITE, model, model, List.of());
                default -> throw new IllegalStateException("no operation for " + method);
            });
        }
        return new ApiPath(path, named, operations);
    }

    /** {@code CoreV1}, {@code AppsV1}, {@code CoordinationV1}: how Kubernetes' operation ids start. */
    private static String idPrefix(ResourceType type) {
        String group = type.group().isEmpty() ? "core" : type.group().split("\\.")[0];
        return capitalize(group) + capitalize(type.version());
    }

    private static String capitalize(String value) {
        return Character.toUpperCase(value.charAt(0)) + value.substring(1);
    }

    /**
     * fabric8's list class beside the kind's ({@code PodList}), or null when it has none: such a kind is still
     * listed, its list operations just carry no response schema.
     */
    private static Class<?> listClass(ResourceType type) {
        String name = type.modelClass().getName() + "List";
        try {
            return Class.forName(name, false, type.modelClass().getClassLoader());
        } catch (ClassNotFoundException absent) {
            LoggerFactory.getLogger(ResourcePaths.class).debug("{} has no list class {}", type.kind(), name);
            return null;
        }
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
