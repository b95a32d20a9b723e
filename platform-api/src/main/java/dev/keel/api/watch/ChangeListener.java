package dev.keel.api.watch;

/** Receives the changes of one {@link WatchHub} subscription, on the hub's thread: it must not block. */
public interface ChangeListener {

    /** @return false when the listener cannot keep up; the hub then drops it and calls {@link #onClosed} */
    boolean onChange(ChangeEvent event);

    /** Every change up to {@code revision} has been offered. */
    void onProgress(long revision);

    /** No more changes will come; {@code reason} is null for a normal stop. */
    void onClosed(dev.keel.api.status.ApiException reason);
}
