package dev.keel.scheduler.framework;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The plugins a profile may name, by name. */
public final class PluginRegistry {

    private final Map<String, PluginFactory> factories = new LinkedHashMap<>();

    /** Adds a plugin; a name may be registered once. */
    public PluginRegistry register(String name, PluginFactory factory) {
        if (factories.putIfAbsent(name, factory) != null) {
            throw new IllegalArgumentException("plugin " + name + " is already registered");
        }
        return this;
    }

    public PluginFactory factory(String name) {
        PluginFactory factory = factories.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("no plugin named " + name + "; known: " + factories.keySet());
        }
        return factory;
    }

    public Set<String> names() {
        return factories.keySet();
    }
}
