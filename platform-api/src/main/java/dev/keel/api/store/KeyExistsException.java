package dev.keel.api.store;

public class KeyExistsException extends StoreException {
    public KeyExistsException(String key) {
        super(key, "key already exists: " + key, null);
    }
}
