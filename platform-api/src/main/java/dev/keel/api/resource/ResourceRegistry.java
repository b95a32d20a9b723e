package dev.keel.api.resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kinds platform-api serves, looked up by URL coordinates or by kind. */
public class ResourceRegistry {

    private final Map<String, ResourceType> byPath = new LinkedHashMap<>();
    private final Map<String, ResourceType> byKind = new LinkedHashMap<>();

    public ResourceRegistry(Collection<ResourceType> types) {
        for (ResourceType type : types) {
            byPath.put(pathKey(type.group(), type.version(), type.plural()), type);
            byKind.put(kindKey(type.apiVersion(), type.kind()), type);
        }
    }

    public Optional<ResourceType> find(String group, String version, String plural) {
        return Optional.ofNullable(byPath.get(pathKey(group, version, plural)));
    }

    public Optional<ResourceType> findByKind(String apiVersion, String kind) {
        return Optional.ofNullable(byKind.get(kindKey(apiVersion, kind)));
    }

    public Collection<ResourceType> all() {
        return byPath.values();
    }

    /** Group names in the order they were registered, core ("") first. */
    public List<String> groups() {
        List<String> groups = new ArrayList<>();
        for (ResourceType type : byPath.values()) {
            if (!groups.contains(type.group())) {
                groups.add(type.group());
            }
        }
        return groups;
    }

    public List<ResourceType> inGroupVersion(String group, String version) {
        return byPath.values().stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version))
                .toList();
    }

    /** The versions served for a group, preferred first. */
    public List<String> versions(String group) {
        return byPath.values().stream().filter(t -> t.group().equals(group))
                .map(ResourceType::version).distinct().toList();
    }

    private static String pathKey(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }

    private static String kindKey(String apiVersion, String kind) {
        return apiVersion + "/" + kind;
    }
}
