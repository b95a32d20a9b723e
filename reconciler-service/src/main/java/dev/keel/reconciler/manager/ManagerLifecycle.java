package dev.keel.reconciler.manager;

import dev.keel.runtime.controller.ControllerManager;
import org.springframework.context.SmartLifecycle;

/** Starts the informers and leader election once every controller bean exists; stops before the client closes. */
public class ManagerLifecycle implements SmartLifecycle {

    private final ControllerManager manager;
    private volatile boolean running;

    public ManagerLifecycle(ControllerManager manager) {
        this.manager = manager;
    }

    @Override
    public void start() {
        manager.start();
        running = true;
    }

    @Override
    public void stop() {
        manager.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
