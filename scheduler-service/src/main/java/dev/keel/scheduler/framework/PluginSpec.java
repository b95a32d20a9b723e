package dev.keel.scheduler.framework;

/**
 * One plugin in a profile.
 *
 * @param name   the registered name
 * @param weight multiplies the plugin's normalized score (score plugins only)
 * @param args   the plugin's arguments
 */
public record PluginSpec(String name, int weight, PluginArgs args) {

    public static PluginSpec of(String name) {
        return new PluginSpec(name, 1, PluginArgs.NONE);
    }
}
