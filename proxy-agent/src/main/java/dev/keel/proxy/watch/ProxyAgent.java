package dev.keel.proxy.watch;

import dev.keel.proxy.config.ProxyProperties;
import dev.keel.proxy.netfilter.ServiceRangeRoute;
import dev.keel.proxy.sync.ProxySyncLoop;
import dev.keel.runtime.controller.Informers;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the proxy: routes the service range to its bridge, starts the Service and EndpointSlice informers,
 * waits for their caches, then runs the sync loop, which every informer event nudges.
 */
public class ProxyAgent implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProxyAgent.class);

    private final Informers informers;
    private final ProxySyncLoop loop;
    private final ServiceRangeRoute route;
    private final ProxyProperties properties;
    private volatile boolean running;

    public ProxyAgent(Informers informers, ProxySyncLoop loop, ServiceRangeRoute route, ProxyProperties properties) {
        this.informers = informers;
        this.loop = loop;
        this.route = route;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!properties.getServiceBridge().isEmpty()) {
            route.ensure(properties.getServiceBridge(), properties.getServiceCidr());
        }
        ResourceEventHandler<Object> nudge = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Object obj) {
                loop.requestSync();
            }

            @Override
            public void onUpdate(Object oldObj, Object newObj) {
                loop.requestSync();
            }

            @Override
            public void onDelete(Object obj, boolean deletedFinalStateUnknown) {
                loop.requestSync();
            }
        };
        informers.informer(Service.class).addEventHandler(nudge);
        informers.informer(EndpointSlice.class).addEventHandler(nudge);
        informers.start();
        try {
            informers.awaitSynced(properties.getCacheSyncTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Service and EndpointSlice caches", e);
        }
        loop.start();
        running = true;
        log.info("proxy-agent running in {} mode", properties.getMode().name().toLowerCase());
    }

    @Override
    public void stop() {
        running = false;
        loop.close();
        informers.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
