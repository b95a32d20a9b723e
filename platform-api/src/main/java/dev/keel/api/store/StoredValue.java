package dev.keel.api.store;

/** A value as stored, with the revisions etcd keeps for it. */
public record StoredValue(String key, byte[] value, long modRevision, long createRevision) {
}
