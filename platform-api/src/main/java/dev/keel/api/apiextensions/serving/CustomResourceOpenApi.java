package dev.keel.api.apiextensions.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.openapi.ModelSchemaGenerator;
import dev.keel.api.openapi.RuntimeOpenApi;
import dev.keel.api.openapi.SchemaDialect;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Patch;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OpenAPI v2 and v3 content of served custom kinds, as kube-apiserver publishes it for CRDs: each version's
 * schema as a definition named after the reversed group ({@code com.example.stable.v1.Widget}) with apiVersion, kind
 * and metadata (a reference to ObjectMeta) filled in and its group-version-kind marked, and the paths of the kind
 * with the operations and query parameters served (no strategic merge patch: kubectl then sends merge patches).
 * v2 schemas drop what Swagger 2.0 cannot say (nullable, oneOf/anyOf/allOf/not), as Kubernetes does.
 */
public class CustomResourceOpenApi implements RuntimeOpenApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    private static final List<String> PATCH_TYPES = List.of("application/json-patch+json", "application/merge-patch+json",
            "application/apply-patch+yaml");
    private static final List<String> WRITE = List.of("dryRun", "fieldManager", "fieldValidation");
    private static final List<String> SELECT = List.of("continue", "fieldSelector", "labelSelector", "limit",
            "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds");
    private static final List<String> DELETE = List.of("dryRun", "gracePeriodSeconds", "orphanDependents", "propagationPolicy");
    private static final Map<String, String> PARAMETER_TYPES = Map.of("limit", "integer", "timeoutSeconds", "integer",
            "gracePeriodSeconds", "integer", "orphanDependents", "boolean", "sendInitialEvents", "boolean",
            "allowWatchBookmarks", "boolean", "watch", "boolean", "force", "boolean");

    private final CustomResourceTypes types;
    private final AtomicLong generation = new AtomicLong();

    public CustomResourceOpenApi(CustomResourceTypes types, ResourceRegistry registry) {
        this.types = types;
        registry.onChange(generation::incrementAndGet);
    }

    @Override
    public long generation() {
        return generation.get();
    }

    @Override
    public void addToSwagger(ObjectNode swagger) {
        ObjectNode paths = swagger.withObjectProperty("paths");
        ObjectNode definitions = swagger.withObjectProperty("definitions");
        for (CustomKind kind : sorted(types.all())) {
            addKind(kind, false, paths, definitions);
        }
    }

    @Override
    public Map<String, ObjectNode> v3Documents() {
        Map<String, List<CustomKind>> byGroupVersion = new LinkedHashMap<>();
        for (CustomKind kind : sorted(types.all())) {
            byGroupVersion.computeIfAbsent("apis/" + kind.type().group() + "/" + kind.type().version(),
                    k -> new ArrayList<>()).add(kind);
        }
        Map<String, ObjectNode> documents = new LinkedHashMap<>();
        byGroupVersion.forEach((path, kinds) -> {
            ObjectNode document = NODES.objectNode();
            document.put("openapi", "3.0.0");
            document.putObject("info").put("title", "Kubernetes CRD Swagger").put("version", "v0.1.0");
            ObjectNode paths = document.putObject("paths");
            ObjectNode schemas = document.putObject("components").putObject("schemas");
            ModelSchemaGenerator generator = new ModelSchemaGenerator(SchemaDialect.OPENAPI_3);
            for (Class<?> type : List.of(ObjectMeta.class, ListMeta.class, Status.class, DeleteOptions.class, Patch.class,
                    Scale.class)) {
                generator.define(type);
            }
            generator.definitions().forEach(schemas::set);
            for (CustomKind kind : kinds) {
                addKind(kind, true, paths, schemas);
            }
            documents.put(path, document);
        });
        return documents;
    }

    private static List<CustomKind> sorted(List<CustomKind> kinds) {
        return kinds.stream().sorted(Comparator.comparing((CustomKind k) -> k.type().group())
                .thenComparing(k -> k.type().version()).thenComparing(k -> k.type().plural())).toList();
    }

    /** The definition name Kubernetes gives a custom kind: the group reversed, then version and kind. */
    static String definitionName(ResourceType type) {
        String[] parts = type.group().split("\\.");
        StringBuilder name = new StringBuilder();
        for (int i = parts.length - 1; i >= 0; i--) {
            name.append(parts[i]).append('.');
        }
        return name.append(type.version()).append('.').append(type.kind()).toString();
    }

    private void addKind(CustomKind kind, boolean v3, ObjectNode paths, ObjectNode definitions) {
        ResourceType type = kind.type();
        String name = definitionName(type);
        definitions.set(name, kindSchema(kind, v3));
        definitions.set(name + "List", listSchema(kind, name, v3));
        new Paths(type, name, v3).addTo(paths);
    }

    private ObjectNode kindSchema(CustomKind kind, boolean v3) {
        ObjectNode schema = kind.schema() == null ? NODES.objectNode().put("type", "object") : kind.schema().deepCopy();
        if (!v3) {
            toSwagger(schema);
        }
        schema.put("type", "object");
        ObjectNode properties = schema.withObjectProperty("properties");
        properties.set("apiVersion", NODES.objectNode().put("type", "string").put("description",
                "APIVersion defines the versioned schema of this representation of an object. Servers should convert "
                        + "recognized schemas to the latest internal value, and may reject unrecognized values."));
        properties.set("kind", NODES.objectNode().put("type", "string").put("description",
                "Kind is a string value representing the REST resource this object represents."));
        ObjectNode metadata = NODES.objectNode();
        metadata.put("description", "Standard object's metadata.");
        if (v3) {
            metadata.putArray("allOf").add(ref(META + "ObjectMeta", true));
        } else {
            metadata.setAll(ref(META + "ObjectMeta", false));
        }
        properties.set("metadata", metadata);
        schema.putArray("x-kubernetes-group-version-kind").add(gvk(kind.type()));
        return schema;
    }

    private static ObjectNode listSchema(CustomKind kind, String itemName, boolean v3) {
        ObjectNode schema = NODES.objectNode();
        schema.put("description", kind.type().kind() + "List is a list of " + kind.type().kind());
        schema.putArray("required").add("items");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("items").put("type", "array").set("items", ref(itemName, v3));
        properties.putObject("kind").put("type", "string");
        properties.set("metadata", ref(META + "ListMeta", v3));
        ObjectNode listGvk = gvk(kind.type());
        listGvk.put("kind", kind.type().listKind());
        schema.putArray("x-kubernetes-group-version-kind").add(listGvk);
        return schema;
    }

    /** Swagger 2.0 has no nullable, oneOf, anyOf, allOf or not; int-or-string has no single type. */
    private static void toSwagger(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("nullable", "oneOf", "anyOf", "allOf", "not", "x-kubernetes-validations"));
            if (object.path("x-kubernetes-int-or-string").asBoolean(false)) {
                object.remove("type");
            }
            Iterator<JsonNode> values = object.elements();
            while (values.hasNext()) {
                toSwagger(values.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(CustomResourceOpenApi::toSwagger);
        }
    }

    private static ObjectNode gvk(ResourceType type) {
        ObjectNode node = NODES.objectNode();
        node.put("group", type.group());
        node.put("kind", type.kind());
        node.put("version", type.version());
        return node;
    }

    private static ObjectNode ref(String definition, boolean v3) {
        return NODES.objectNode().put("$ref",
                (v3 ? SchemaDialect.OPENAPI_3 : SchemaDialect.SWAGGER_2).refPrefix() + definition);
    }

    /** The paths of one custom kind in one dialect. */
    private record Paths(ResourceType type, String definition, boolean v3) {

        void addTo(ObjectNode paths) {
            String prefix = "/apis/" + type.group() + "/" + type.version();
            String collection = prefix + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
            String id = idPrefix() + (type.namespaced() ? "Namespaced" : "") + type.kind();
            List<String> scope = type.namespaced() ? List.of("namespace") : List.of();
            List<String> named = new ArrayList<>(scope);
            named.add("name");

            ObjectNode list = paths.putObject(collection);
            list.set("get", operation("list" + id, "list", concat(List.of("allowWatchBookmarks"), SELECT, List.of("watch")),
                    null, definition + "List", type, false));
            list.set("post", operation("create" + id, "post", WRITE, definition, definition, type, false));
            list.set("delete", operation("delete" + idPrefix() + "Collection" + (type.namespaced() ? "Namespaced" : "")
                    + type.kind(), "deletecollection", concat(DELETE, SELECT), META + "DeleteOptions", META + "Status", type, false));
            pathParameters(list, scope);

            ObjectNode item = paths.putObject(collection + "/{name}");
            item.set("get", operation("read" + id, "get", List.of(), null, definition, type, false));
            item.set("put", operation("replace" + id, "put", WRITE, definition, definition, type, false));
            item.set("patch", operation("patch" + id, "patch", concat(WRITE, List.of("force")), META + "Patch", definition,
                    type, true));
            item.set("delete", operation("delete" + id, "delete", DELETE, META + "DeleteOptions", META + "Status", type, false));
            pathParameters(item, named);

            if (type.hasSubresource("status")) {
                ObjectNode status = paths.putObject(collection + "/{name}/status");
                status.set("get", operation("read" + id + "Status", "get", List.of(), null, definition, type, false));
                status.set("put", operation("replace" + id + "Status", "put", WRITE, definition, definition, type, false));
                status.set("patch", operation("patch" + id + "Status", "patch", concat(WRITE, List.of("force")),
                        META + "Patch", definition, type, true));
                pathParameters(status, named);
            }
            if (type.hasSubresource("scale")) {
                String scale = "io.k8s.api.autoscaling.v1.Scale";
                ResourceType scaleType = new ResourceType("autoscaling", "v1", "Scale", "", "", false, List.of(), List.of(),
                        java.util.Set.of(), type.modelClass(), false);
                ObjectNode path = paths.putObject(collection + "/{name}/scale");
                path.set("get", operation("read" + id + "Scale", "get", List.of(), null, scale, scaleType, false));
                path.set("put", operation("replace" + id + "Scale", "put", WRITE, scale, scale, scaleType, false));
                path.set("patch", operation("patch" + id + "Scale", "patch", concat(WRITE, List.of("force")), META + "Patch",
                        scale, scaleType, true));
                pathParameters(path, named);
            }
            if (type.namespaced()) {
                ObjectNode all = paths.putObject(prefix + "/" + type.plural());
                all.set("get", operation("list" + idPrefix() + type.kind() + "ForAllNamespaces", "list",
                        concat(List.of("allowWatchBookmarks"), SELECT, List.of("watch")), null, definition + "List", type,
                        false));
            }
        }

        private ObjectNode operation(String operationId, String action, List<String> query, String body, String response,
                ResourceType kind, boolean patch) {
            ObjectNode node = NODES.objectNode();
            node.put("operationId", operationId);
            ArrayNode parameters = node.putArray("parameters");
            List<String> consumes = patch ? PATCH_TYPES : List.of("application/json", "application/yaml");
            if (v3) {
                for (String name : query) {
                    ObjectNode parameter = parameters.addObject().put("name", name).put("in", "query");
                    parameter.putObject("schema").put("type", PARAMETER_TYPES.getOrDefault(name, "string")).put("uniqueItems", true);
                }
                if (body != null) {
                    ObjectNode requestBody = node.putObject("requestBody");
                    ObjectNode content = requestBody.putObject("content");
                    consumes.forEach(media -> content.putObject(media).set("schema", ref(body, true)));
                    requestBody.put("required", true);
                }
            } else {
                if (patch) {
                    ArrayNode media = node.putArray("consumes");
                    consumes.forEach(media::add);
                }
                node.putArray("produces").add("application/json").add("application/yaml");
                if (body != null) {
                    ObjectNode parameter = parameters.addObject().put("name", "body").put("in", "body").put("required", true);
                    parameter.set("schema", ref(body, false));
                }
                for (String name : query) {
                    parameters.addObject().put("name", name).put("in", "query")
                            .put("type", PARAMETER_TYPES.getOrDefault(name, "string")).put("uniqueItems", true);
                }
            }
            boolean created = action.equals("post");
            ObjectNode ok = node.putObject("responses").putObject(created ? "201" : "200");
            ok.put("description", created ? "Created" : "OK");
            if (v3) {
                ObjectNode content = ok.putObject("content");
                content.putObject("application/json").set("schema", ref(response, true));
                content.putObject("application/yaml").set("schema", ref(response, true));
            } else {
                ok.set("schema", ref(response, false));
            }
            node.put("x-kubernetes-action", action);
            node.set("x-kubernetes-group-version-kind", gvk(kind));
            return node;
        }

        private void pathParameters(ObjectNode path, List<String> names) {
            if (names.isEmpty()) {
                return;
            }
            ArrayNode parameters = path.putArray("parameters");
            for (String name : names) {
                ObjectNode parameter = parameters.addObject().put("name", name).put("in", "path").put("required", true);
                if (v3) {
                    parameter.putObject("schema").put("type", "string").put("uniqueItems", true);
                } else {
                    parameter.put("type", "string").put("uniqueItems", true);
                }
            }
        }

        /** {@code StableExampleComV1}: the group's words and the version, capitalized. */
        private String idPrefix() {
            StringBuilder prefix = new StringBuilder();
            for (String part : type.group().split("[.-]")) {
                if (!part.isEmpty()) {
                    prefix.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
            return prefix.append(Character.toUpperCase(type.version().charAt(0))).append(type.version().substring(1)).toString();
        }

        @SafeVarargs
        private static List<String> concat(List<String>... lists) {
            List<String> all = new ArrayList<>();
            for (List<String> list : lists) {
                all.addAll(list);
            }
            return all;
        }
    }
}
