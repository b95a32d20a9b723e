package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A set of field paths stored as a trie of {@link PathElements}, the in-memory form of a managed-fields
 * {@code fieldsV1}. A node is a member when the path to it is in the set; inner nodes only exist on the way
 * to members, so two sets with the same members have the same tree.
 */
final class FieldSet {

    private boolean member;
    private final TreeMap<String, FieldSet> children = new TreeMap<>();

    static FieldSet empty() {
        return new FieldSet();
    }

    /**
     * Decodes {@code fieldsV1}: {@code {}} marks a member leaf, a {@code ".": {}} entry marks an inner node
     * that is a member too.
     *
     * @throws IllegalArgumentException when the document is not in that format
     */
    static FieldSet fromFieldsV1(JsonNode fields) {
        FieldSet set = new FieldSet();
        if (fields == null || fields.isNull() || fields.isMissingNode()) {
            return set;
        }
        decode(fields, set);
        return set;
    }

    private static void decode(JsonNode node, FieldSet into) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("fieldsV1 entries must be objects, got " + node.getNodeType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals(".")) {
                into.member = true;
                continue;
            }
            if (!PathElements.isValid(entry.getKey())) {
                throw new IllegalArgumentException("unknown fieldsV1 path element: " + entry.getKey());
            }
            FieldSet child = new FieldSet();
            if (entry.getValue().isObject() && entry.getValue().isEmpty()) {
                child.member = true;
            } else {
                decode(entry.getValue(), child);
            }
            if (!child.isEmpty()) {
                into.children.put(entry.getKey(), child);
            }
        }
    }

    /** Encodes this set as {@code fieldsV1}. */
    ObjectNode toFieldsV1() {
        ObjectNode out = JsonValues.NODES.objectNode();
        if (member && !children.isEmpty()) {
            out.putObject(".");
        }
        children.forEach((element, child) -> out.set(element, child.toFieldsV1()));
        return out;
    }

    /** Adds {@code path}; an empty path (the whole object) is never tracked. */
    void insert(List<String> path) {
        if (path.isEmpty()) {
            return;
        }
        FieldSet node = this;
        for (String element : path) {
            node = node.children.computeIfAbsent(element, e -> new FieldSet());
        }
        node.member = true;
    }

    boolean isMember() {
        return member;
    }

    /** Whether the set has no members. */
    boolean isEmpty() {
        return !member && children.isEmpty();
    }

    /** The subtree under {@code element}, or null when no member lies there. */
    FieldSet child(String element) {
        return children.get(element);
    }

    Map<String, FieldSet> children() {
        return children;
    }

    FieldSet union(FieldSet other) {
        FieldSet out = copy();
        out.addAll(other);
        return out;
    }

    private void addAll(FieldSet other) {
        member |= other.member;
        other.children.forEach((element, child) -> children.computeIfAbsent(element, e -> new FieldSet()).addAll(child));
    }

    /** The members of this set that are not members of {@code other}. */
    FieldSet minus(FieldSet other) {
        FieldSet out = new FieldSet();
        out.member = member && (other == null || !other.member);
        children.forEach((element, child) -> {
            FieldSet rest = child.minus(other == null ? null : other.children.get(element));
            if (!rest.isEmpty()) {
                out.children.put(element, rest);
            }
        });
        return out;
    }

    /** The members of this set that are also members of {@code other}. */
    FieldSet intersect(FieldSet other) {
        FieldSet out = new FieldSet();
        out.member = member && other.member;
        children.forEach((element, child) -> {
            FieldSet theirs = other.children.get(element);
            if (theirs != null) {
                FieldSet both = child.intersect(theirs);
                if (!both.isEmpty()) {
                    out.children.put(element, both);
                }
            }
        });
        return out;
    }

    FieldSet copy() {
        FieldSet out = new FieldSet();
        out.member = member;
        children.forEach((element, child) -> out.children.put(element, child.copy()));
        return out;
    }

    /** Calls {@code action} with each member path, in the trie's sorted order. */
    void forEachMember(Consumer<List<String>> action) {
        visit(new ArrayList<>(), action);
    }

    private void visit(List<String> prefix, Consumer<List<String>> action) {
        if (member) {
            action.accept(List.copyOf(prefix));
        }
        children.forEach((element, child) -> {
            prefix.add(element);
            child.visit(prefix, action);
            prefix.remove(prefix.size() - 1);
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet other && member == other.member && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(member, children);
    }

    @Override
    public String toString() {
        return toFieldsV1().toString();
    }
}
