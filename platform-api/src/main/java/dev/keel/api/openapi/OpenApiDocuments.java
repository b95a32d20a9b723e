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
 * Every OpenAPI document platform-api serves, generated and encoded once at startup: the kinds are fixed
 * for the life of the process, and kubectl fetches these documents on most commands.
 */
public class OpenApiDocuments {

    private static final Logger log = LoggerFactory.getLogger(OpenApiDocuments.class);
    private static final String V3_ROOT = "/openapi/v3/";

    private final RenderedDocument swaggerJson;
    private final RenderedDocument swaggerProtobuf;
    private final Map<String, RenderedDocument> groupVersions = new LinkedHashMap<>();
    private final RenderedDocument discovery;

    public OpenApiDocuments(ResourceRegistry registry, String serverVersion) {
        long started = System.nanoTime();
        ObjectMapper json = JsonMapper.builder().build();
        ObjectNode swagger = SwaggerDocument.build(registry, serverVersion);
        this.swaggerJson = RenderedDocument.of(write(json, swagger));
        this.swaggerProtobuf = RenderedDocument.of(SwaggerProtobufEncoder.encode(swagger));

        ObjectNode discoveryNode = json.createObjectNode();
        ObjectNode paths = discoveryNode.putObject("paths");
        for (String group : registry.groups()) {
            for (String version : registry.versions(group)) {
                List<ResourceType> types = registry.inGroupVersion(group, version);
                String path = group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
                RenderedDocument document = RenderedDocument.of(write(json, OpenApiV3Document.build(types, serverVersion)));
                groupVersions.put(path, document);
                paths.putObject(path).put("serverRelativeURL", V3_ROOT + path + "?hash=" + document.hash());
            }
        }
        this.discovery = RenderedDocument.of(write(json, discoveryNode));
        log.info("OpenAPI documents ready in {} ms: v2 {} bytes JSON, {} bytes protobuf; v3 for {}",
                (System.nanoTime() - started) / 1_000_000, swaggerJson.body().length, swaggerProtobuf.body().length,
                groupVersions.keySet());
    }

    /** /openapi/v2 as JSON. */
    public RenderedDocument swaggerJson() {
        return swaggerJson;
    }

    /** /openapi/v2 as gnostic protobuf. */
    public RenderedDocument swaggerProtobuf() {
        return swaggerProtobuf;
    }

    /** /openapi/v3: where each group-version's document is. */
    public RenderedDocument discovery() {
        return discovery;
    }

    /** The document of {@code api/v1} or {@code apis/GROUP/VERSION}, if served. */
    public Optional<RenderedDocument> groupVersion(String path) {
        return Optional.ofNullable(groupVersions.get(path));
    }

    private static byte[] write(ObjectMapper json, ObjectNode document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an OpenAPI document as JSON", e);
        }
    }
}
