package dev.keel.api.store;

import java.util.List;
import java.util.Optional;

/**
 * A key-value store whose every write produces a new, totally ordered revision.
 *
 * <p>The contract platform-api relies on: reads can be taken at a past revision, writes are guarded by
 * the revision the caller last saw, and a watch replays every change after a revision. Errors are typed
 * ({@link StoreException} subclasses) so the REST layer can map them straight to HTTP statuses.
 */
public interface RevisionedStore extends AutoCloseable {

    /** The value at {@code key} at the current revision, if present. */
    Optional<StoredValue> get(String key);

    /**
     * Keys that start with {@code prefix}, in key order, beginning at {@code startKey} (inclusive; null for
     * the first), read at {@code revision} (0 for the current one), at most {@code limit} (0 for no limit).
     *
     * @throws RevisionCompactedException when {@code revision} has been compacted away
     */
    ListPage list(String prefix, String startKey, long revision, long limit);

    /**
     * Stores {@code value} at {@code key} only if the key is absent.
     *
     * @return the revision of the write
     * @throws KeyExistsException when the key is present
     */
    default long create(String key, byte[] value) {
        return create(key, value, null);
    }

    /**
     * Like {@link #create(String, byte[])}, and the key disappears on its own once {@code ttl} has passed
     * without a write (null: never), as Kubernetes does for Events.
     */
    long create(String key, byte[] value, java.time.Duration ttl);

    /**
     * Replaces the value at {@code key} only if its current mod revision is {@code expectedRevision}.
     *
     * @throws KeyNotFoundException when the key is absent
     * @throws RevisionConflictException when the key was modified since {@code expectedRevision}
     */
    default long update(String key, byte[] value, long expectedRevision) {
        return update(key, value, expectedRevision, null);
    }

    /** Like {@link #update(String, byte[], long)}; the time to live starts again from this write. */
    long update(String key, byte[] value, long expectedRevision, java.time.Duration ttl);

    /**
     * Deletes {@code key} only if its current mod revision is {@code expectedRevision}.
     *
     * @throws KeyNotFoundException when the key is absent
     * @throws RevisionConflictException when the key was modified since {@code expectedRevision}
     */
    long delete(String key, long expectedRevision);

    /** The store's current revision. */
    long currentRevision();

    /**
     * Streams every change under {@code prefix} with a revision strictly greater than {@code afterRevision}.
     * A compacted start revision is reported through {@link StoreWatchListener#onError} with a
     * {@link RevisionCompactedException}.
     */
    StoreWatch watch(String prefix, long afterRevision, StoreWatchListener listener);

    /** Discards history older than {@code revision}. */
    void compact(long revision);

    @Override
    void close();

    /** One page of a prefix read. */
    record ListPage(List<StoredValue> items, long revision, boolean more) {
    }
}
