package dev.keel.api.testing.badinput;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Kubernetes (kube-apiserver) answers to one request: the status codes it may answer, and what must hold of
 * storage afterwards.
 *
 * @param statuses      the codes kube-apiserver answers (more than one where its answer depends on details this
 *                      generator does not model, e.g. 400 or 422)
 * @param messagePart   text a rejection's Status message (or, for an accepted request, its Warning) must contain,
 *                      or null
 * @param warning       whether the answer must ({@code TRUE}), must not ({@code FALSE}) carry a Warning header, or
 *                      either (null)
 * @param ignoredValues JSON pointer to the JSON text of a value the request sends that Kubernetes ignores (e.g.
 *                      metadata.generation in an update): the stored object must not hold it afterwards
 * @param storedValues  JSON pointer to the text the stored object must hold afterwards whatever the request said
 *                      ({@link BadRequest#NAME} stands for the target's name), e.g. a namespace's name label
 * @param storesNothing whether even an accepted request must leave storage as it was (e.g. dryRun=All)
 */
public record Expectation(Set<Integer> statuses, String messagePart, Boolean warning, Map<String, String> ignoredValues,
        Map<String, String> storedValues, boolean storesNothing) {

    public Expectation {
        statuses = Set.copyOf(statuses);
        ignoredValues = Map.copyOf(ignoredValues);
        storedValues = Map.copyOf(storedValues);
    }

    public static Expectation of(Integer... statuses) {
        return new Expectation(Set.of(statuses), null, null, Map.of(), Map.of(), false);
    }

    public Expectation message(String part) {
        return new Expectation(statuses, part, warning, ignoredValues, storedValues, storesNothing);
    }

    public Expectation warning(boolean required) {
        return new Expectation(statuses, messagePart, required, ignoredValues, storedValues, storesNothing);
    }

    /** The value sent at {@code pointer} (as JSON text) must not be stored. */
    public Expectation ignoring(String pointer, String sentJson) {
        Map<String, String> values = new LinkedHashMap<>(ignoredValues);
        values.put(pointer, sentJson);
        return new Expectation(statuses, messagePart, warning, values, storedValues, storesNothing);
    }

    /** The stored object must hold {@code text} at {@code pointer} afterwards. */
    public Expectation storing(String pointer, String text) {
        Map<String, String> values = new LinkedHashMap<>(storedValues);
        values.put(pointer, text);
        return new Expectation(statuses, messagePart, warning, ignoredValues, values, storesNothing);
    }

    public Expectation storingNothing() {
        return new Expectation(statuses, messagePart, warning, ignoredValues, storedValues, true);
    }

    /** Whether Kubernetes accepts the request in at least one of its possible answers. */
    public boolean mayBeAccepted() {
        return statuses.stream().anyMatch(code -> code < 400);
    }

    public boolean allows(int status) {
        return statuses.contains(status);
    }

    @Override
    public String toString() {
        return "expects " + new TreeSet<>(statuses) + (messagePart == null ? "" : " naming '" + messagePart + "'")
                + (warning == null ? "" : warning ? " with a Warning" : " without a Warning")
                + (ignoredValues.isEmpty() ? "" : " not storing " + ignoredValues)
                + (storedValues.isEmpty() ? "" : " storing " + storedValues)
                + (storesNothing ? " storing nothing" : "");
    }
}
