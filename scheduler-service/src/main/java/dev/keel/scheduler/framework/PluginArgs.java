package dev.keel.scheduler.framework;

import java.util.Map;

/** A plugin's arguments from its profile, as strings (e.g. {@code scoringStrategy: MostAllocated}). */
public record PluginArgs(Map<String, String> values) {

    public static final PluginArgs NONE = new PluginArgs(Map.of());

    public PluginArgs {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
