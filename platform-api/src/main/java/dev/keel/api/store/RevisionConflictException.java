package dev.keel.api.store;

public class RevisionConflictException extends StoreException {
    public RevisionConflictException(String key, long expectedRevision) {
        super(key, "key " + key + " was modified after revision " + expectedRevision, null);
    }
}
