package dev.keel.api.registry;

import dev.keel.api.resource.ResourceType;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The strategy of every served resource, looked up by its {@link ResourceType}. Strategies may be registered and
 * removed while the server runs (a CustomResourceDefinition becoming established or being deleted); a type with no
 * registered strategy gets {@link KindStrategy#defaults}, so serving a kind never needs a strategy first.
 *
 * <p>Lookups are by {@code resource.group} (the name a CustomResourceDefinition carries), so one strategy serves
 * every version of a resource.
 */
public class KindStrategies {

    private static final Logger log = LoggerFactory.getLogger(KindStrategies.class);

    private final Map<String, KindStrategy> registered = new ConcurrentHashMap<>();
    /** Defaults per served type, so a re-created type with another scope never sees a stale one. */
    private final Map<ResourceType, KindStrategy> defaults = new ConcurrentHashMap<>();

    public KindStrategies(Collection<KindStrategy> strategies) {
        strategies.forEach(strategy -> registered.put(strategy.key(), strategy));
    }

    /** The strategy of {@code type}: the registered one, else the defaults of the type. */
    public KindStrategy of(ResourceType type) {
        KindStrategy strategy = registered.get(KindStrategy.key(type.group(), type.plural()));
        return strategy != null ? strategy : defaults.computeIfAbsent(type, KindStrategy::defaults);
    }

    /** The registered strategy of a resource, if any. */
    public Optional<KindStrategy> registered(String group, String resource) {
        return Optional.ofNullable(registered.get(KindStrategy.key(group, resource)));
    }

    /** Serves a resource with {@code strategy} from the next request on, replacing any strategy it had. */
    public void register(KindStrategy strategy) {
        KindStrategy previous = registered.put(strategy.key(), strategy);
        log.info("{} the strategy of {}", previous == null ? "Registered" : "Replaced", strategy.key());
    }

    /** Forgets the strategy of a resource; its types fall back to the defaults. Returns whether one was registered. */
    public boolean remove(String group, String resource) {
        boolean removed = registered.remove(KindStrategy.key(group, resource)) != null;
        if (removed) {
            log.info("Removed the strategy of {}", KindStrategy.key(group, resource));
        }
        return removed;
    }
}
