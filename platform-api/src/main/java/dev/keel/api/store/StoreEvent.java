package dev.keel.api.store;

/**
 * One change seen by a watch. {@code value} is null for a deletion; {@code previousValue} is the value
 * before the change (null for a creation).
 */
public record StoreEvent(Type type, String key, byte[] value, byte[] previousValue, long revision) {

    public enum Type { PUT, DELETE }
}
