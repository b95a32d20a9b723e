package dev.keel.api.apiextensions.schema;

/** Field paths as Kubernetes prints them: {@code spec.items[0].name}, map entries as {@code spec.labels[key]}. */
final class FieldPaths {

    private FieldPaths() {
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String index(String path, int index) {
        return path + "[" + index + "]";
    }

    static String key(String path, String key) {
        return path + "[" + key + "]";
    }
}
