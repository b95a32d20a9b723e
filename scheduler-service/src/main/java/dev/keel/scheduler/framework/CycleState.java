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
    /**
     * Plugins whose pre-filter said skip, and those whose pre-score said skip: two sets, as kube-scheduler keeps them,
     * because a plugin with nothing to filter (a pod without hard spread constraints) may still have to score.
     */
    private final Set<String> filterSkipped;
    private final Set<String> scoreSkipped;

    public CycleState() {
        this(new HashMap<>(), new HashSet<>(), new HashSet<>());
    }

    private CycleState(Map<Key<?>, Object> values, Set<String> filterSkipped, Set<String> scoreSkipped) {
        this.values = values;
        this.filterSkipped = filterSkipped;
        this.scoreSkipped = scoreSkipped;
    }

    public <T> void write(Key<T> key, T value) {
        values.put(key, value);
    }

    /** The value written under the key, or null. */
    @SuppressWarnings("unchecked")
    public <T> T read(Key<T> key) {
        return (T) values.get(key);
    }

    /** The plugin's pre-filter said skip: its filter (and the pre-filter's add/remove pod) do not run this cycle. */
    public void skipFilter(String plugin) {
        filterSkipped.add(plugin);
    }

    public boolean isFilterSkipped(String plugin) {
        return !filterSkipped.isEmpty() && filterSkipped.contains(plugin);
    }

    /** The plugin's pre-score said skip: its score does not run this cycle. Its filter is not affected. */
    public void skipScore(String plugin) {
        scoreSkipped.add(plugin);
    }

    public boolean isScoreSkipped(String plugin) {
        return !scoreSkipped.isEmpty() && scoreSkipped.contains(plugin);
    }

    /** A copy whose copyable values are deep-copied: preemption's what-if runs change the copy only. */
    public CycleState copy() {
        Map<Key<?>, Object> copied = new HashMap<>();
        values.forEach((key, value) -> copied.put(key, value instanceof Cloneable c ? c.copy() : value));
        return new CycleState(copied, new HashSet<>(filterSkipped), new HashSet<>(scoreSkipped));
    }
}
