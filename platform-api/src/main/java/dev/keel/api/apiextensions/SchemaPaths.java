package dev.keel.api.apiextensions;

/** Field paths written as Kubernetes' {@code field.Path} prints them: {@code properties[spec]}, {@code items}. */
final class SchemaPaths {

    private SchemaPaths() {
    }

    /** {@code path.properties[name]} */
    static String property(String path, String name) {
        return path + ".properties[" + name + "]";
    }

    /** {@code path[key]}, Go's {@code Key()}. */
    static String key(String path, String key) {
        return path + "[" + key + "]";
    }
}
