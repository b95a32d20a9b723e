package dev.keel.scheduler.framework;

/**
 * A plugin from outside the default set, declared as a Spring bean: scheduler-service adds it to its registry, and a
 * profile that lists its name under {@code enabled} runs it. A custom scheduler is then a plugin set in configuration.
 *
 * @param name    the name profiles refer to it by
 * @param factory makes the plugin for each profile that enables it
 */
public record PluginRegistration(String name, PluginFactory factory) {
}
