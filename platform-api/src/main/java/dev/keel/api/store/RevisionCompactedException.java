package dev.keel.api.store;

public class RevisionCompactedException extends StoreException {

    private final long compactRevision;

    public RevisionCompactedException(long requestedRevision, long compactRevision, Throwable cause) {
        super(null, "revision " + requestedRevision + " has been compacted (oldest available: " + compactRevision + ")", cause);
        this.compactRevision = compactRevision;
    }

    public long compactRevision() {
        return compactRevision;
    }
}
