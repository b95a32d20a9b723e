package dev.keel.api.patch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Orders the items of a merged list. Items the request names come in the order the request gives;
 * items only the stored list has keep their stored order and are slotted in before the first requested item
 * that followed them in the stored list. So a client that sends its whole list gets its order, and items
 * added by others stay near where they were.
 */
final class ElementOrder {

    private ElementOrder() {
    }

    /**
     * @param merged    the merged items, stored ones first in stored order
     * @param identity  the identity of an item (a merge key value or a scalar, canonically encoded)
     * @param stored    identities in stored order
     * @param requested identities in the order the request wants
     */
    static <T> List<T> arrange(List<T> merged, Function<T, String> identity, List<String> stored, List<String> requested) {
        Map<String, Integer> storedAt = positions(stored);
        Map<String, Integer> requestedAt = positions(requested);
        List<T> fromRequest = new ArrayList<>();
        List<T> storedOnly = new ArrayList<>();
        for (T item : merged) {
            (requestedAt.containsKey(identity.apply(item)) ? fromRequest : storedOnly).add(item);
        }
        fromRequest.sort((a, b) -> Integer.compare(requestedAt.get(identity.apply(a)), requestedAt.get(identity.apply(b))));
        List<T> out = new ArrayList<>(merged.size());
        int i = 0;
        int j = 0;
        while (i < storedOnly.size() && j < fromRequest.size()) {
            Integer left = storedAt.get(identity.apply(storedOnly.get(i)));
            Integer right = storedAt.get(identity.apply(fromRequest.get(j)));
            if (left != null && right != null && left < right) {
                out.add(storedOnly.get(i++));
            } else {
                out.add(fromRequest.get(j++));
            }
        }
        out.addAll(storedOnly.subList(i, storedOnly.size()));
        out.addAll(fromRequest.subList(j, fromRequest.size()));
        return out;
    }

    private static Map<String, Integer> positions(List<String> identities) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < identities.size(); i++) {
            at.putIfAbsent(identities.get(i), i);
        }
        return at;
    }
}
