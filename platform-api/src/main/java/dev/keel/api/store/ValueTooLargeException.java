package dev.keel.api.store;

/** The value is larger than the store accepts for one key. */
public class ValueTooLargeException extends StoreException {
    public ValueTooLargeException(String key, int size, int limit) {
        super(key, "value of " + size + " bytes exceeds the store's limit of " + limit + " bytes", null);
    }
}
