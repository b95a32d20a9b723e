package dev.keel.api.admission.allocation;

import dev.keel.api.store.EtcdStore;
import dev.keel.api.testing.EtcdServer;
import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;

/** One store on the suite's etcd for the allocation tests, and fresh key prefixes so tests never share keys. */
final class EtcdStores {

    private static EtcdStore store;

    private EtcdStores() {
    }

    static synchronized EtcdStore shared() {
        if (store == null) {
            Client client = Client.builder().endpoints(EtcdServer.shared().endpoint()).build();
            store = new EtcdStore(client, Duration.ofSeconds(5), 1024 * 1024, new SimpleMeterRegistry());
            Runtime.getRuntime().addShutdownHook(new Thread(store::close, "allocation-test-store-close"));
        }
        return store;
    }

    static String freshPrefix() {
        return "/test/" + UUID.randomUUID() + "/ranges/";
    }
}
