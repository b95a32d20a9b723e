package dev.keel.reconciler.manager;

import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.reconcile.Reconciler;
import io.micrometer.core.instrument.MeterRegistry;

/** Starts a controller's builder with the manager's settings: workers, metrics, cache sync timeout. */
public class ControllerFactory {

    private final Informers informers;
    private final ReconcilerProperties properties;
    private final MeterRegistry meterRegistry;

    public ControllerFactory(Informers informers, ReconcilerProperties properties, MeterRegistry meterRegistry) {
        this.informers = informers;
        this.properties = properties;
        this.meterRegistry = meterRegistry;
    }

    public Informers informers() {
        return informers;
    }

    public Controller.Builder builder(String name, Reconciler reconciler) {
        return Controller.builder(name, reconciler)
                .workers(properties.getWorkers())
                .meterRegistry(meterRegistry)
                .syncTimeout(properties.getCacheSyncTimeout());
    }
}
