package dev.keel.scheduler.plugins.defaultbinder;

import dev.keel.scheduler.framework.BindPlugin;
import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.Status;

/** Binds through the pods/binding subresource. */
public final class DefaultBinder implements BindPlugin {

    public static final String NAME = "DefaultBinder";

    private final PodBinder binder;

    public DefaultBinder(PodBinder binder) {
        this.binder = binder;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status bind(CycleState state, PodInfo pod, String nodeName) {
        return binder.bind(pod, nodeName);
    }
}
