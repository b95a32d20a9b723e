package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.JsonEquality;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JSON patch (RFC 6902): a list of add, remove, replace, move, copy and test operations on JSON pointers.
 * A document that is not a list of well-formed operations is a 400; an operation that does not fit the
 * object (a missing path, an index out of range, a failed test) is a 422, as Kubernetes answers.
 */
final class JsonPatch {

    private enum Op { ADD, REMOVE, REPLACE, MOVE, COPY, TEST }

    private record Operation(int index, Op op, JsonPointer path, JsonPointer from, JsonNode value) {

        String describe() {
            return op.name().toLowerCase(Locale.ROOT) + " operation " + index;
        }
    }

    private final List<Operation> operations;

    private JsonPatch(List<Operation> operations) {
        this.operations = operations;
    }

    /**
     * Returns {@code current} with {@code patch} applied; {@code current} is not modified.
     *
     * @throws dev.keel.api.status.ApiException 400 for a malformed patch, 422 when an operation does not apply
     */
    static ObjectNode apply(ObjectNode current, JsonNode patch) {
        return parse(patch).applyTo(current.deepCopy());
    }

    static JsonPatch parse(JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            throw PatchErrors.badRequest("a JSON patch must be a JSON list of operations, not "
                    + (patch == null ? "empty" : patch.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        List<Operation> operations = new ArrayList<>(patch.size());
        for (int i = 0; i < patch.size(); i++) {
            operations.add(operation(i, patch.get(i)));
        }
        return new JsonPatch(operations);
    }

    private static Operation operation(int index, JsonNode node) {
        if (!node.isObject()) {
            throw PatchErrors.badRequest("JSON patch operation " + index + " is not an object: " + node);
        }
        JsonNode name = node.get("op");
        if (name == null || !name.isTextual()) {
            throw PatchErrors.badRequest("JSON patch operation " + index + " has no \"op\"");
        }
        Op op;
        try {
            op = Op.valueOf(name.textValue().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PatchErrors.badRequest("JSON patch operation " + index + " has an unknown op \"" + name.textValue()
                    + "\": expected add, remove, replace, move, copy or test", e);
        }
        if (!name.textValue().equals(op.name().toLowerCase(Locale.ROOT))) {
            throw PatchErrors.badRequest("JSON patch operation " + index + " has an unknown op \"" + name.textValue() + "\"");
        }
        JsonPointer path = pointer(index, node, "path");
        JsonPointer from = op == Op.MOVE || op == Op.COPY ? pointer(index, node, "from") : null;
        JsonNode value = node.get("value");
        if ((op == Op.ADD || op == Op.REPLACE || op == Op.TEST) && value == null) {
            throw PatchErrors.badRequest("JSON patch operation " + index + " (" + name.textValue() + ") has no \"value\"");
        }
        return new Operation(index, op, path, from, value);
    }

    private static JsonPointer pointer(int index, JsonNode node, String member) {
        JsonNode text = node.get(member);
        if (text == null || !text.isTextual()) {
            throw PatchErrors.badRequest("JSON patch operation " + index + " has no \"" + member + "\"");
        }
        try {
            return JsonPointer.parse(text.textValue());
        } catch (IllegalArgumentException e) {
            throw PatchErrors.badRequest("JSON patch operation " + index + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode applyTo(JsonNode document) {
        JsonNode doc = document;
        for (Operation operation : operations) {
            doc = switch (operation.op()) {
                case ADD -> add(doc, operation.path(), operation.value().deepCopy(), operation);
                case REMOVE -> {
                    remove(doc, operation.path(), operation);
                    yield doc;
                }
                case REPLACE -> replace(doc, operation);
                case MOVE -> move(doc, operation);
                case COPY -> add(doc, operation.path(), get(doc, operation.from(), operation).deepCopy(), operation);
                case TEST -> test(doc, operation);
            };
        }
        if (!(doc instanceof ObjectNode object)) {
            throw PatchErrors.unprocessable("", "the patched document must be a JSON object, got "
                    + doc.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return object;
    }

    private static JsonNode add(JsonNode doc, JsonPointer path, JsonNode value, Operation operation) {
        if (path.isRoot()) {
            return value;
        }
        JsonNode parent = resolve(doc, path.parent(), path, operation);
        if (parent instanceof ObjectNode object) {
            object.set(path.last(), value);
        } else if (parent instanceof ArrayNode array) {
            if (path.last().equals("-")) {
                array.add(value);
            } else {
                array.insert(index(array, path.last(), array.size(), operation), value);
            }
        } else {
            throw cannotApply(operation, "the parent of \"" + path + "\" is not an object or a list");
        }
        return doc;
    }

    /** Removes and returns the value at {@code path}. */
    private static JsonNode remove(JsonNode doc, JsonPointer path, Operation operation) {
        if (path.isRoot()) {
            throw cannotApply(operation, "the whole document cannot be removed");
        }
        JsonNode parent = resolve(doc, path.parent(), path, operation);
        if (parent instanceof ObjectNode object) {
            if (!object.has(path.last())) {
                throw cannotApply(operation, "there is no \"" + path.last() + "\" to remove");
            }
            return object.remove(path.last());
        }
        if (parent instanceof ArrayNode array) {
            return array.remove(index(array, path.last(), array.size() - 1, operation));
        }
        throw cannotApply(operation, "the parent of \"" + path + "\" is not an object or a list");
    }

    private static JsonNode replace(JsonNode doc, Operation operation) {
        JsonPointer path = operation.path();
        if (path.isRoot()) {
            return operation.value().deepCopy();
        }
        JsonNode parent = resolve(doc, path.parent(), path, operation);
        if (parent instanceof ObjectNode object) {
            if (!object.has(path.last())) {
                throw cannotApply(operation, "there is no \"" + path.last() + "\" to replace");
            }
            object.set(path.last(), operation.value().deepCopy());
        } else if (parent instanceof ArrayNode array) {
            array.set(index(array, path.last(), array.size() - 1, operation), operation.value().deepCopy());
        } else {
            throw cannotApply(operation, "the parent of \"" + path + "\" is not an object or a list");
        }
        return doc;
    }

    private static JsonNode move(JsonNode doc, Operation operation) {
        if (operation.from().isProperPrefixOf(operation.path())) {
            throw cannotApply(operation, "\"" + operation.from() + "\" cannot be moved into itself");
        }
        if (operation.from().equals(operation.path())) {
            get(doc, operation.from(), operation);
            return doc;
        }
        JsonNode value = remove(doc, operation.from(), operation);
        return add(doc, operation.path(), value, operation);
    }

    private static JsonNode test(JsonNode doc, Operation operation) {
        JsonNode actual = operation.path().isRoot() ? doc : find(doc, operation.path().tokens());
        if (actual == null || !JsonEquality.equal(actual, operation.value())) {
            throw cannotApply(operation, "testing value " + operation.path() + " failed");
        }
        return doc;
    }

    private static JsonNode get(JsonNode doc, JsonPointer pointer, Operation operation) {
        JsonNode value = pointer.isRoot() ? doc : find(doc, pointer.tokens());
        if (value == null) {
            throw cannotApply(operation, "\"" + pointer + "\" does not exist");
        }
        return value;
    }

    /** The container at {@code tokens}, which must exist for an operation on one of its members. */
    private static JsonNode resolve(JsonNode doc, List<String> tokens, JsonPointer target, Operation operation) {
        JsonNode node = find(doc, tokens);
        if (node == null) {
            throw cannotApply(operation, "the parent of \"" + target + "\" does not exist");
        }
        return node;
    }

    private static JsonNode find(JsonNode doc, List<String> tokens) {
        JsonNode node = doc;
        for (String token : tokens) {
            if (node instanceof ObjectNode object) {
                node = object.get(token);
            } else if (node instanceof ArrayNode array) {
                int i = arrayIndex(token);
                node = i >= 0 && i < array.size() ? array.get(i) : null;
            } else {
                return null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static int index(ArrayNode array, String token, int max, Operation operation) {
        int i = arrayIndex(token);
        if (i < 0 || i > max) {
            throw cannotApply(operation, "index \"" + token + "\" is out of range for a list of " + array.size());
        }
        return i;
    }

    /** An RFC 6901 array index: decimal digits without leading zeros; -1 when {@code token} is not one. */
    private static int arrayIndex(String token) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) < '0' || token.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(token);
    }

    private static RuntimeException cannotApply(Operation operation, String why) {
        return PatchErrors.unprocessable(operation.path().toString(), operation.describe() + ": " + why);
    }
}
