package dev.keel.api.patch;

import java.util.List;
import java.util.Set;

/**
 * Which fields managed fields record. The server sets identity and bookkeeping fields itself, so nobody owns
 * them; status is written through its own subresource, so writes to the main resource do not claim it.
 */
final class TrackedFields {

    /** Every field but the server-set ones. */
    static final TrackedFields ALL = new TrackedFields(false);

    /** As {@link #ALL}, without {@code status}: the main resource of a kind with a status subresource. */
    static final TrackedFields WITHOUT_STATUS = new TrackedFields(true);

    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind");
    private static final Set<String> SERVER_SET_METADATA = Set.of("name", "namespace", "uid", "resourceVersion",
            "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink",
            "managedFields");
    private static final String METADATA = PathElements.field("metadata");

    private final boolean withoutStatus;

    private TrackedFields(boolean withoutStatus) {
        this.withoutStatus = withoutStatus;
    }

    /** Whether {@code field} under {@code parent} is left out, with everything below it. */
    boolean skips(List<String> parent, String field) {
        if (parent.isEmpty()) {
            return TOP_LEVEL.contains(field) || withoutStatus && field.equals("status");
        }
        return parent.size() == 1 && parent.get(0).equals(METADATA) && SERVER_SET_METADATA.contains(field);
    }

    /** Whether the node at {@code path} may itself be a member (metadata as a whole never is). */
    boolean recordsNode(List<String> path) {
        return !(path.size() == 1 && path.get(0).equals(METADATA));
    }
}
