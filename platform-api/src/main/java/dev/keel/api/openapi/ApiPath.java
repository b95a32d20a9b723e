package dev.keel.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/**
 * A URL template, such as {@code /api/v1/namespaces/{namespace}/pods/{name}}, with the operations served there.
 *
 * @param parameters its path parameters, shared by all operations
 */
record ApiPath(String path, List<ApiParameter> parameters, List<ApiOperation> operations) {

    /** The path item: one node per operation and the shared parameters, each written in the document's dialect. */
    ObjectNode toNode(Function<ApiOperation, ObjectNode> operation, Function<ApiParameter, ObjectNode> parameter) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        for (ApiOperation each : operations) {
            item.set(each.method(), operation.apply(each));
        }
        if (!parameters.isEmpty()) {
            ArrayNode list = item.putArray("parameters");
            parameters.forEach(each -> list.add(parameter.apply(each)));
        }
        return item;
    }
}
