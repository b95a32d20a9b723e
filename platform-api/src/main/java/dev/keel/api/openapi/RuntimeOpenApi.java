package dev.keel.api.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * OpenAPI content of kinds defined at runtime (custom resources), merged into the documents built at startup.
 * {@link OpenApiDocuments} rebuilds its documents whenever {@link #generation()} moves.
 */
public interface RuntimeOpenApi {

    /** Changes whenever the content below would. */
    long generation();

    /** Adds the runtime kinds' paths and definitions to a copy of the /openapi/v2 document. */
    void addToSwagger(ObjectNode swagger);

    /** The /openapi/v3 documents of runtime group-versions, by path ({@code apis/GROUP/VERSION}). */
    Map<String, ObjectNode> v3Documents();
}
