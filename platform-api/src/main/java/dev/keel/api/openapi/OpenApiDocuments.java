package dev.keel.api.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every OpenAPI document platform-api serves. The built-in kinds' documents are generated and encoded once at
 * startup (kubectl fetches these documents on most commands); kinds defined at runtime ({@link RuntimeOpenApi}) are
 * merged in again only when they change.
 */
public class OpenApiDocuments {

    private static final Logger log = LoggerFactory.getLogger(OpenApiDocuments.class);
    private static final String V3_ROOT = "/openapi/v3/";

    private final ObjectMapper json = JsonMapper.builder().build();
    private final ObjectNode builtinSwagger;
    private final Map<String, RenderedDocument> builtinGroupVersions = new LinkedHashMap<>();
    private volatile RuntimeOpenApi runtime;
    private volatile Rendered rendered;

    /** The documents as served now: the built-in ones plus what {@link RuntimeOpenApi} had at {@code generation}. */
    private record Rendered(long generation, RenderedDocument swaggerJson, RenderedDocument swaggerProtobuf,
            Map<String, RenderedDocument> groupVersions, RenderedDocument discovery) {
    }

    public OpenApiDocuments(ResourceRegistry registry, String serverVersion) {
        long started = System.nanoTime();
        this.builtinSwagger = SwaggerDocument.build(registry, serverVersion);
        for (String group : registry.groups()) {
            for (String version : registry.versions(group)) {
                List<ResourceType> types = registry.inGroupVersion(group, version);
                String path = group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
                builtinGroupVersions.put(path,
                        RenderedDocument.of(write(json, OpenApiV3Document.build(types, serverVersion))));
            }
        }
        this.rendered = render(builtinSwagger, Map.of(), -1);
        log.info("OpenAPI documents ready in {} ms: v2 {} bytes JSON, {} bytes protobuf; v3 for {}",
                (System.nanoTime() - started) / 1_000_000, rendered.swaggerJson().body().length,
                rendered.swaggerProtobuf().body().length, builtinGroupVersions.keySet());
    }

    /** Merges the documents of runtime-defined kinds into what is served from now on. */
    public void useRuntimeKinds(RuntimeOpenApi source) {
        this.runtime = source;
    }

    /** The current documents, rebuilt when the runtime kinds changed since they were last rendered. */
    private Rendered current() {
        RuntimeOpenApi source = runtime;
        Rendered now = rendered;
        if (source == null || source.generation() == now.generation()) {
            return now;
        }
        synchronized (this) {
            long generation = source.generation();
            if (rendered.generation() != generation) {
                ObjectNode swagger = builtinSwagger.deepCopy();
                source.addToSwagger(swagger);
                Map<String, RenderedDocument> extra = new LinkedHashMap<>();
                source.v3Documents().forEach((path, document) -> extra.put(path, RenderedDocument.of(write(json, document))));
                rendered = render(swagger, extra, generation);
            }
            return rendered;
        }
    }

    private Rendered render(ObjectNode swagger, Map<String, RenderedDocument> extra, long generation) {
        Map<String, RenderedDocument> groupVersions = new LinkedHashMap<>(builtinGroupVersions);
        groupVersions.putAll(extra);
        ObjectNode discoveryNode = json.createObjectNode();
        ObjectNode paths = discoveryNode.putObject("paths");
        groupVersions.forEach((path, document) ->
                paths.putObject(path).put("serverRelativeURL", V3_ROOT + path + "?hash=" + document.hash()));
        return new Rendered(generation, RenderedDocument.of(write(json, swagger)),
                RenderedDocument.of(SwaggerProtobufEncoder.encode(swagger)), groupVersions,
                RenderedDocument.of(write(json, discoveryNode)));
    }

    /** /openapi/v2 as JSON. */
    public RenderedDocument swaggerJson() {
        return current().swaggerJson();
    }

    /** /openapi/v2 as gnostic protobuf. */
    public RenderedDocument swaggerProtobuf() {
        return current().swaggerProtobuf();
    }

    /** /openapi/v3: where each group-version's document is. */
    public RenderedDocument discovery() {
        return current().discovery();
    }

    /** The document of {@code api/v1} or {@code apis/GROUP/VERSION}, if served. */
    public Optional<RenderedDocument> groupVersion(String path) {
        return Optional.ofNullable(current().groupVersions().get(path));
    }

    private static byte[] write(ObjectMapper json, ObjectNode document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an OpenAPI document as JSON", e);
        }
    }
}
