package dev.keel.proxy.testing;

import static dev.keel.proxy.testing.PortBuilder.port;

import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ProxyState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A sequence of states in which a few service ports change each step: they come and go, gain and lose endpoints
 * (down to none), and switch node port, affinity and protocol. Seeded, so a failure repeats.
 */
public final class RandomServices {

    private static final long SEED = 20261124L;

    private final Random random = new Random(SEED);
    private final PortBuilder[] slots;

    public RandomServices(int ports) {
        slots = new PortBuilder[ports];
    }

    /** The next state: one to three ports differ from the last. */
    public ProxyState next() {
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            int slot = random.nextInt(slots.length);
            slots[slot] = random.nextInt(6) == 0 ? null : randomPort(slot);
        }
        List<ProxiedPort> ports = new ArrayList<>();
        for (PortBuilder slot : slots) {
            if (slot != null) {
                ports.add(slot.build());
            }
        }
        return ProxyState.of(ports);
    }

    private PortBuilder randomPort(int slot) {
        PortBuilder port = port("default", "svc-" + slot).clusterIp("10.96.1." + (10 + slot), 80);
        if (random.nextBoolean()) {
            port.nodePort(30100 + slot);
        }
        if (random.nextInt(3) == 0) {
            port.affinity(random.nextBoolean() ? 60 : 600);
        }
        if (random.nextInt(4) == 0) {
            port.udp();
        }
        for (int host = 2; host < 8; host++) {
            if (random.nextInt(3) == 0) {
                port.endpoints("10.244.1." + host + ":80");
            }
        }
        return port;
    }
}
