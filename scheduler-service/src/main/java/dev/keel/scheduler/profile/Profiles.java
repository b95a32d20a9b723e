package dev.keel.scheduler.profile;

import dev.keel.scheduler.framework.Framework;
import dev.keel.scheduler.framework.PluginArgs;
import dev.keel.scheduler.framework.PluginRegistry;
import dev.keel.scheduler.framework.PluginSpec;
import dev.keel.scheduler.plugins.balancedallocation.BalancedAllocation;
import dev.keel.scheduler.plugins.defaultbinder.DefaultBinder;
import dev.keel.scheduler.plugins.noderesources.ScoringStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one framework per profile from the default plugin set, less disabled plugins, plus enabled registered ones,
 * with weight overrides.
 */
public final class Profiles {

    /**
     * How one profile differs from the default set.
     *
     * @param schedulerName            the spec.schedulerName it serves
     * @param scoringStrategy          NodeResourcesFit's strategy
     * @param disabled                 plugins of the default set left out
     * @param enabled                  registered plugins added to the default set (before the binder, so a custom
     *                                 binder may take the pod first)
     * @param weights                  score weights by plugin name
     * @param percentageOfNodesToScore 0 for adaptive
     */
    public record Spec(String schedulerName, ScoringStrategy scoringStrategy, Set<String> disabled, List<String> enabled,
                       Map<String, Integer> weights, int percentageOfNodesToScore) {

        public static Spec defaults(String schedulerName) {
            return new Spec(schedulerName, ScoringStrategy.LeastAllocated, Set.of(), List.of(), Map.of(), 0);
        }
    }

    private Profiles() {
    }

    /** Frameworks by scheduler name. */
    public static Map<String, Framework> build(List<Spec> specs, PluginRegistry registry) {
        Map<String, Framework> frameworks = new LinkedHashMap<>();
        for (Spec spec : specs) {
            for (String name : spec.disabled()) {
                registry.factory(name);
            }
            List<PluginSpec> plugins = new ArrayList<>(DefaultPlugins.plugins(spec.scoringStrategy()).stream()
                    .filter(plugin -> !spec.disabled().contains(plugin.name()))
                    .map(plugin -> new PluginSpec(plugin.name(), spec.weights().getOrDefault(plugin.name(), plugin.weight()), plugin.args()))
                    .toList());
            int beforeBinder = plugins.stream().map(PluginSpec::name).toList().indexOf(DefaultBinder.NAME);
            List<PluginSpec> extra = spec.enabled().stream()
                    .map(name -> new PluginSpec(name, spec.weights().getOrDefault(name, 1), PluginArgs.NONE)).toList();
            plugins.addAll(beforeBinder < 0 ? plugins.size() : beforeBinder, extra);
            if (spec.disabled().contains(BalancedAllocation.NAME) && spec.scoringStrategy() == ScoringStrategy.BalancedAllocation) {
                throw new IllegalArgumentException("profile " + spec.schedulerName()
                        + " scores by BalancedAllocation but disables that plugin");
            }
            Framework framework = new Framework(spec.schedulerName(), plugins, spec.percentageOfNodesToScore(), registry);
            if (frameworks.putIfAbsent(spec.schedulerName(), framework) != null) {
                throw new IllegalArgumentException("two profiles serve scheduler name " + spec.schedulerName());
            }
        }
        return frameworks;
    }
}
