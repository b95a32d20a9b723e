package dev.keel.scheduler.framework;

/** Makes one plugin instance for one profile. */
@FunctionalInterface
public interface PluginFactory {

    /**
     * @param args   the plugin's arguments from the profile
     * @param handle the profile's framework, for plugins (preemption) that run other plugins
     */
    Plugin create(PluginArgs args, FrameworkHandle handle);
}
