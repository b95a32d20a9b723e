package dev.keel.api.store;

/** The store could not be reached or did not answer in time. */
public class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String key, String message, Throwable cause) {
        super(key, message, cause);
    }
}
