package dev.keel.api.store;

import java.util.List;

/** Receives the changes of a {@link StoreWatch}, in revision order, on one thread at a time. */
public interface StoreWatchListener {

    void onEvents(List<StoreEvent> events);

    /** Every change up to {@code revision} has been delivered. */
    default void onProgress(long revision) {
    }

    /** The watch ended with an error; no more calls follow. */
    void onError(StoreException error);
}
