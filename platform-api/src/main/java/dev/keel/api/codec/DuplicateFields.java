package dev.keel.api.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the fields a JSON document names twice in one object, by path ({@code metadata.name},
 * {@code spec.containers[0].image}), as Kubernetes' strict decoder reports them. Decoding keeps the last value.
 */
final class DuplicateFields {

    private static final JsonFactory FACTORY = new JsonFactory();

    private DuplicateFields() {
    }

    /** The duplicated paths of a well-formed JSON document; empty for anything else. */
    static List<String> in(byte[] json) {
        List<String> duplicates = new ArrayList<>();
        Deque<Frame> frames = new ArrayDeque<>();
        String pendingField = null;
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                Frame parent = frames.peek();
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        String path = parent == null ? "" : parent.childPath(pendingField);
                        if (parent != null && parent.array) {
                            parent.index++;
                        }
                        frames.push(new Frame(path, token == JsonToken.START_ARRAY));
                        pendingField = null;
                    }
                    case END_OBJECT, END_ARRAY -> frames.pop();
                    case FIELD_NAME -> {
                        pendingField = parser.currentName();
                        if (parent != null && !parent.names.add(pendingField)) {
                            duplicates.add(parent.childPath(pendingField));
                        }
                    }
                    default -> {
                        if (parent != null && parent.array) {
                            parent.index++;
                        }
                        pendingField = null;
                    }
                }
            }
        } catch (IOException e) {
            return List.of(); // malformed JSON is reported by the parse that reads the tree
        }
        return duplicates;
    }

    private static final class Frame {
        private final String path;
        private final boolean array;
        private final Set<String> names = new HashSet<>();
        private int index = -1;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }

        String childPath(String field) {
            if (array) {
                return path + "[" + (index + 1) + "]";
            }
            return path.isEmpty() ? field : path + "." + field;
        }
    }
}
