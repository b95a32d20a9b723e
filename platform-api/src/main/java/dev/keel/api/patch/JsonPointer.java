package dev.keel.api.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6901 JSON pointer: {@code /spec/containers/0/image}, where {@code ~1} stands for {@code /} and
 * {@code ~0} for {@code ~}. The empty pointer is the whole document.
 *
 * @param text   the pointer as written
 * @param tokens the unescaped reference tokens
 */
record JsonPointer(String text, List<String> tokens) {

    /** @throws IllegalArgumentException when {@code text} is not a pointer */
    static JsonPointer parse(String text) {
        if (text.isEmpty()) {
            return new JsonPointer(text, List.of());
        }
        if (text.charAt(0) != '/') {
            throw new IllegalArgumentException("JSON pointer \"" + text + "\" must be empty or start with /");
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/') {
                tokens.add(token.toString());
                token.setLength(0);
            } else if (c == '~') {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
                if (next == '0') {
                    token.append('~');
                } else if (next == '1') {
                    token.append('/');
                } else {
                    throw new IllegalArgumentException("JSON pointer \"" + text + "\" has ~ not followed by 0 or 1");
                }
                i++;
            } else {
                token.append(c);
            }
        }
        tokens.add(token.toString());
        return new JsonPointer(text, List.copyOf(tokens));
    }

    boolean isRoot() {
        return tokens.isEmpty();
    }

    /** The pointer to the containing value; only for a non-root pointer. */
    List<String> parent() {
        return tokens.subList(0, tokens.size() - 1);
    }

    String last() {
        return tokens.get(tokens.size() - 1);
    }

    /** Whether {@code other} points strictly inside the value this pointer names. */
    boolean isProperPrefixOf(JsonPointer other) {
        return other.tokens.size() > tokens.size() && other.tokens.subList(0, tokens.size()).equals(tokens);
    }

    @Override
    public String toString() {
        return text;
    }
}
