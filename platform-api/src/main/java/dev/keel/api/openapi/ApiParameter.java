package dev.keel.api.openapi;

/**
 * A path or query parameter of an operation.
 *
 * @param in   {@code path} or {@code query}
 * @param type the JSON type of its value: string, integer or boolean
 */
record ApiParameter(String name, String in, String type) {

    static ApiParameter path(String name) {
        return new ApiParameter(name, "path", "string");
    }

    static ApiParameter query(String name, String type) {
        return new ApiParameter(name, "query", type);
    }

    boolean required() {
        return in.equals("path");
    }
}
