package dev.keel.api.resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The kinds platform-api serves, looked up by URL coordinates or by kind. The built-in kinds are fixed; kinds
 * defined at runtime (custom resources) are added and removed while requests read the registry: each change
 * publishes a new immutable snapshot, so readers never lock and never see a half-made change.
 */
public class ResourceRegistry {

    private volatile Snapshot snapshot;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public ResourceRegistry(Collection<ResourceType> types) {
        this.snapshot = Snapshot.of(types);
    }

    public Optional<ResourceType> find(String group, String version, String plural) {
        return Optional.ofNullable(snapshot.byPath.get(pathKey(group, version, plural)));
    }

    public Optional<ResourceType> findByKind(String apiVersion, String kind) {
        return Optional.ofNullable(snapshot.byKind.get(kindKey(apiVersion, kind)));
    }

    public Collection<ResourceType> all() {
        return snapshot.byPath.values();
    }

    /**
     * Adds {@code added} and removes {@code removed} in one step (a type already served at the same URL is replaced).
     * Listeners are told afterwards.
     */
    public void update(Collection<ResourceType> added, Collection<ResourceType> removed) {
        synchronized (this) {
            List<ResourceType> types = new ArrayList<>(snapshot.byPath.values());
            types.removeAll(removed);
            for (ResourceType type : added) {
                types.removeIf(t -> pathKey(t.group(), t.version(), t.plural())
                        .equals(pathKey(type.group(), type.version(), type.plural())));
                types.add(type);
            }
            snapshot = Snapshot.of(types);
        }
        listeners.forEach(Runnable::run);
    }

    /** {@code listener} runs after every {@link #update}. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Group names in the order they were registered, core ("") first. */
    public List<String> groups() {
        List<String> groups = new ArrayList<>();
        for (ResourceType type : all()) {
            if (!groups.contains(type.group())) {
                groups.add(type.group());
            }
        }
        return groups;
    }

    public List<ResourceType> inGroupVersion(String group, String version) {
        return all().stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version))
                .toList();
    }

    /** The versions served for a group, preferred first. */
    public List<String> versions(String group) {
        return all().stream().filter(t -> t.group().equals(group))
                .map(ResourceType::version).distinct().toList();
    }

    private static String pathKey(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }

    private static String kindKey(String apiVersion, String kind) {
        return apiVersion + "/" + kind;
    }

    private record Snapshot(Map<String, ResourceType> byPath, Map<String, ResourceType> byKind) {

        static Snapshot of(Collection<ResourceType> types) {
            Map<String, ResourceType> byPath = new LinkedHashMap<>();
            Map<String, ResourceType> byKind = new LinkedHashMap<>();
            for (ResourceType type : types) {
                byPath.put(pathKey(type.group(), type.version(), type.plural()), type);
                byKind.put(kindKey(type.apiVersion(), type.kind()), type);
            }
            return new Snapshot(java.util.Collections.unmodifiableMap(byPath), java.util.Collections.unmodifiableMap(byKind));
        }
    }
}
