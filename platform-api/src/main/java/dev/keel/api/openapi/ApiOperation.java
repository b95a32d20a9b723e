package dev.keel.api.openapi;

import java.util.List;

/**
 * One operation of a path, independent of the OpenAPI version it will be written in.
 *
 * @param method      lower-case HTTP method: get, post, put, patch, delete
 * @param action      Kubernetes' {@code x-kubernetes-action}: list, get, post, put, patch, delete, deletecollection
 * @param gvk         the kind the operation acts on; kubectl matches it to decide what a type supports
 * @param query       query parameters the server honours for it
 * @param body        model class of the request body, or null when it takes none
 * @param response    model class of the 200/201 response, or null when it has no schema
 * @param consumes    media types of the body when they are not just JSON and YAML (patches), else empty
 */
record ApiOperation(String method, String operationId, String action, GroupVersionKind gvk,
        List<ApiParameter> query, Class<?> body, Class<?> response, List<String> consumes) {
}
