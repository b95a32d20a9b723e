package dev.keel.api.admission.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Where two JSON trees differ, as field paths, so "may not change" errors can say what changed. */
public final class TreeDiff {

    private TreeDiff() {
    }

    /** Up to {@code limit} paths below {@code prefix} whose values differ. */
    public static List<String> paths(JsonNode before, JsonNode after, String prefix, int limit) {
        List<String> paths = new ArrayList<>();
        collect(before, after, prefix, paths, limit);
        return paths;
    }

    private static void collect(JsonNode before, JsonNode after, String path, List<String> paths, int limit) {
        if (paths.size() >= limit || Objects.equals(before, after)) {
            return;
        }
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(names::add);
            after.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                collect(before.get(name), after.get(name), path + "." + name, paths, limit);
            }
        } else if (before != null && after != null && before.isArray() && after.isArray() && before.size() == after.size()) {
            Iterator<JsonNode> left = before.elements();
            Iterator<JsonNode> right = after.elements();
            for (int i = 0; left.hasNext(); i++) {
                collect(left.next(), right.next(), path + "[" + i + "]", paths, limit);
            }
        } else {
            paths.add(path);
        }
    }
}
