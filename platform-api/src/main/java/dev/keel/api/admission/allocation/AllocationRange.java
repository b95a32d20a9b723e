package dev.keel.api.admission.allocation;

/**
 * Values handed out one at a time, numbered 0 to size-1. The first {@link #dynamicStart()} are kept for
 * callers that ask for a specific value (like the {@code kubernetes} service's first address), so automatic
 * allocation takes them last.
 */
public interface AllocationRange {

    int size();

    /** The first index automatic allocation prefers. */
    int dynamicStart();

    String valueAt(int index);

    /** The index of {@code value}, or -1 when it is not in the range (or not a well-formed value). */
    int indexOf(String value);

    /** The range as configured, for messages, e.g. {@code 10.96.0.0/16}. */
    String describe();
}
