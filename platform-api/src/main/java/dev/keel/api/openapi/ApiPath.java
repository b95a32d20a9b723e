package dev.keel.api.openapi;

import java.util.List;

/**
 * A URL template, such as {@code /api/v1/namespaces/{namespace}/pods/{name}}, with the operations served there.
 *
 * @param parameters its path parameters, shared by all operations
 */
record ApiPath(String path, List<ApiParameter> parameters, List<ApiOperation> operations) {
}
