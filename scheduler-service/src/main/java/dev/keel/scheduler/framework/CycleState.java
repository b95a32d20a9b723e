package dev.keel.scheduler.framework;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * State of one scheduling cycle for one pod: pre-filter and pre-score compute once, filter and score read it by a
 * typed key. Used by the scheduling thread only, except that filters read it from several threads after pre-filter.
 */
public final class CycleState {

    /** A typed key; identity is the instance. */
    public static final class Key<T> {
        private final String name;

        public Key(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A value that preemption may change as it removes pods on a node, so it must be copyable. */
    public interface Cloneable {
        Object copy();
    }

    private final Map<Key<?>, Object> values;
    private final Set<String> skipped;

    public CycleState() {
        this(new HashMap<>(), new HashSet<>());
    }

    private CycleState(Map<Key<?>, Object> values, Set<String> skipped) {
        this.values = values;
        this.skipped = skipped;
    }

    public <T> void write(Key<T> key, T value) {
        values.put(key, value);
    }

    /** The value written under the key, or null. */
    @SuppressWarnings("unchecked")
    public <T> T read(Key<T> key) {
        return (T) values.get(key);
    }

    /** Marks a plugin's later extension points (filter after pre-filter, score after pre-score) as skipped. */
    public void skip(String plugin) {
        skipped.add(plugin);
    }

    public boolean isSkipped(String plugin) {
        return !skipped.isEmpty() && skipped.contains(plugin);
    }

    /** A copy whose copyable values are deep-copied: preemption's what-if runs change the copy only. */
    public CycleState copy() {
        Map<Key<?>, Object> copied = new HashMap<>();
        values.forEach((key, value) -> copied.put(key, value instanceof Cloneable c ? c.copy() : value));
        return new CycleState(copied, new HashSet<>(skipped));
    }
}
