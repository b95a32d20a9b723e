package dev.keel.api.store;

public class KeyNotFoundException extends StoreException {
    public KeyNotFoundException(String key) {
        super(key, "key not found: " + key, null);
    }
}
