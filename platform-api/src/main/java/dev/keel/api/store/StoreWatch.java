package dev.keel.api.store;

/** A running store watch; closing it stops delivery. */
public interface StoreWatch extends AutoCloseable {

    /** Asks the store to report its current revision through {@link StoreWatchListener#onProgress}. */
    void requestProgress();

    @Override
    void close();
}
