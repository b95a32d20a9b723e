package dev.keel.proxy.watch;

import dev.keel.proxy.service.ProxyState;
import dev.keel.proxy.service.ProxyStateBuilder;
import dev.keel.runtime.controller.Informers;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.function.Supplier;

/** The current state as the informer caches hold it; read fresh for every sync. */
public class CachedProxyState implements Supplier<ProxyState> {

    private final Informers informers;
    private final ProxyStateBuilder builder = new ProxyStateBuilder();

    public CachedProxyState(Informers informers) {
        this.informers = informers;
    }

    @Override
    public ProxyState get() {
        return builder.build(informers.informer(Service.class).getStore().list(),
                informers.informer(EndpointSlice.class).getStore().list());
    }
}
