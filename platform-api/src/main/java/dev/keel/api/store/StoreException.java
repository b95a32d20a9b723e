package dev.keel.api.store;

/** A store operation that did not take effect. Subclasses say why. */
public class StoreException extends RuntimeException {

    private final String key;

    public StoreException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** The key the operation addressed, or null when it addressed none. */
    public String key() {
        return key;
    }
}
