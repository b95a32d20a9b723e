package dev.keel.api.testing.badinput;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Kubernetes (kube-apiserver) answers to one request: the status codes it may answer, and what must hold of
 * storage afterwards.
 *
 * @param statuses        the codes kube-apiserver answers (more than one where its answer depends on details
 *                        this generator does not model, e.g. 400 or 422)
 * @param messagePart     text a rejection's Status message must contain (e.g. the field named), or null
 * @param warning         whether the answer must ({@code TRUE}), must not ({@code FALSE}) carry a Warning header,
 *                        or either (null)
 * @param unchangedFields JSON pointers of the target object that must be the same after the request even when it
 *                        is accepted (fields Kubernetes ignores in updates, e.g. /metadata/generation)
 * @param storesNothing   whether even an accepted request must leave storage as it was (e.g. dryRun=All)
 */
public record Expectation(Set<Integer> statuses, String messagePart, Boolean warning, List<String> unchangedFields,
        boolean storesNothing) {

    public Expectation {
        statuses = Set.copyOf(statuses);
        unchangedFields = List.copyOf(unchangedFields);
    }

    public static Expectation of(Integer... statuses) {
        return new Expectation(Set.of(statuses), null, null, List.of(), false);
    }

    public Expectation message(String part) {
        return new Expectation(statuses, part, warning, unchangedFields, storesNothing);
    }

    public Expectation warning(boolean required) {
        return new Expectation(statuses, messagePart, required, unchangedFields, storesNothing);
    }

    public Expectation unchanged(String... pointers) {
        return new Expectation(statuses, messagePart, warning, List.of(pointers), storesNothing);
    }

    public Expectation storingNothing() {
        return new Expectation(statuses, messagePart, warning, unchangedFields, true);
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
                + (unchangedFields.isEmpty() ? "" : " leaving " + unchangedFields + " unchanged")
                + (storesNothing ? " storing nothing" : "");
    }
}
