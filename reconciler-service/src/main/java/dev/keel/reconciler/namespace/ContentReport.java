package dev.keel.reconciler.namespace;

import java.util.List;
import java.util.SortedMap;

/**
 * What one pass over a terminating namespace's content found.
 *
 * @param discoveryFailures  API groups whose resources could not be listed from discovery, with the error
 * @param deleteFailures     resources (plural.group) that could not be listed or deleted, with the error
 * @param remaining          resources (plural.group) still present, with how many objects
 * @param finalizers         finalizers still held by remaining objects, with how many objects hold each
 */
public record ContentReport(List<String> discoveryFailures, SortedMap<String, String> deleteFailures,
        SortedMap<String, Integer> remaining, SortedMap<String, Integer> finalizers) {

    /** Nothing is left and nothing failed: the namespace may go. */
    public boolean empty() {
        return discoveryFailures.isEmpty() && deleteFailures.isEmpty() && remaining.isEmpty();
    }
}
