package dev.keel.proxy.rules;

/** How much of the rules a sync rewrites. */
public enum SyncScope {
    /** Every object of the writer, and whatever else of its own it finds (start and resync period). */
    FULL,
    /**
     * The objects of service ports that changed since the last successful sync, plus the top-level lookups; a
     * writer without a successful sync behind it writes {@link #FULL} instead.
     */
    CHANGES
}
