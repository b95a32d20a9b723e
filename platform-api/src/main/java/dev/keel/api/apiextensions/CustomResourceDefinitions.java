package dev.keel.api.apiextensions;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The established CustomResourceDefinitions, kept by {@link CustomResourceDefinitionController}, and the listeners
 * that serve their kinds. A listener added late is first told of every CRD already established.
 */
@Component
public class CustomResourceDefinitions {

    private static final Logger log = LoggerFactory.getLogger(CustomResourceDefinitions.class);

    /** Established CRDs by name ({@code <plural>.<group>}). */
    private final Map<String, CustomResourceDefinition> established = new ConcurrentHashMap<>();
    private final List<CustomResourceDefinitionListener> listeners = new CopyOnWriteArrayList<>();
    private final ObjectProvider<CustomResourceDefinitionListener> beans;
    private volatile boolean beansAdded;

    public CustomResourceDefinitions(ObjectProvider<CustomResourceDefinitionListener> beans) {
        this.beans = beans;
    }

    /** Every established CRD, terminating ones included. */
    public List<CustomResourceDefinition> established() {
        return new ArrayList<>(established.values());
    }

    /** The established CRD serving {@code plural} in {@code group}. */
    public Optional<CustomResourceDefinition> find(String group, String plural) {
        return Optional.ofNullable(established.get(plural + "." + group));
    }

    /** Registers a listener and replays the CRDs established so far to it. */
    public synchronized void addListener(CustomResourceDefinitionListener listener) {
        listeners.add(listener);
        for (CustomResourceDefinition crd : established.values()) {
            notify(listener, crd, true);
        }
    }

    public void removeListener(CustomResourceDefinitionListener listener) {
        listeners.remove(listener);
    }

    synchronized void markEstablished(CustomResourceDefinition crd) {
        addBeans();
        established.put(crd.getMetadata().getName(), crd);
        for (CustomResourceDefinitionListener listener : listeners) {
            notify(listener, crd, true);
        }
    }

    synchronized void markRemoved(CustomResourceDefinition crd) {
        addBeans();
        if (established.remove(crd.getMetadata().getName()) == null) {
            return;
        }
        for (CustomResourceDefinitionListener listener : listeners) {
            notify(listener, crd, false);
        }
    }

    private void addBeans() {
        if (!beansAdded) {
            beansAdded = true;
            beans.orderedStream().forEach(listeners::add);
        }
    }

    private static void notify(CustomResourceDefinitionListener listener, CustomResourceDefinition crd, boolean established) {
        try {
            if (established) {
                listener.established(crd);
            } else {
                listener.removed(crd);
            }
        } catch (RuntimeException e) {
            log.warn("CRD listener {} failed on {} of {}", listener, established ? "established" : "removed",
                    crd.getMetadata().getName(), e);
        }
    }
}
