package dev.keel.proxy.rules.iptables;

import static dev.keel.proxy.testing.PortBuilder.port;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.proxy.rules.PortChanges;
import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ProxyState;
import dev.keel.proxy.testing.PortBuilder;
import dev.keel.proxy.testing.SampleStates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** Batches stay linear in their size under iptables-nft-restore's chain list (see {@link RestoreChainListModel}). */
class IptablesBatchCostTest {

    /** Walk steps per line a linear batch needs: a group's own chains plus the few fixed ones. */
    private static final long STEPS_PER_LINE = 30;

    private final IptablesRenderer renderer = new IptablesRenderer(SampleStates.SETTINGS);

    @Test
    void aFullSyncOfAThousandServices() {
        assertLinear(renderer.render(services(1000, 10, i -> true), Map.of()).text());
    }

    @Test
    void aFullSyncThatDeletesHalfTheServicesAndChangesTheEndpointsOfTheRest() {
        IptablesBatch before = renderer.render(services(1000, 10, i -> true), Map.of());
        ProxyState after = services(1000, 9, i -> i % 2 == 0);
        assertLinear(renderer.render(after, before.chains()).text());
    }

    @Test
    void aPartialSyncOfEveryOtherService() {
        ProxyState before = services(1000, 10, i -> true);
        IptablesBatch first = renderer.render(before, Map.of());
        ProxyState after = services(1000, 9, i -> i % 2 == 0);
        String batch = renderer.renderChanges(PortChanges.between(before, after), after, first.chains()).text();
        assertLinear(batch);
    }

    @Test
    void removingEverything() {
        Set<String> nat = renderer.render(services(1000, 10, i -> true), Map.of()).chains().get("nat");
        assertLinear(renderer.renderRemoval("nat", nat));
    }

    private static void assertLinear(String batch) {
        long lines = batch.lines().count();
        assertThat(RestoreChainListModel.steps(batch)).isLessThan(STEPS_PER_LINE * lines);
    }

    /** {@code count} services, those {@code kept} with {@code endpoints} endpoints each and a node port. */
    private static ProxyState services(int count, int endpoints, IntPredicate kept) {
        List<ProxiedPort> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!kept.test(i)) {
                continue;
            }
            PortBuilder port = port("bench", "svc-" + i).clusterIp("10.96." + i / 250 + "." + (i % 250 + 1), 80)
                    .nodePort(30000 + i);
            for (int e = 0; e < endpoints; e++) {
                port.endpoints("10.244." + i / 25 + "." + (i % 25 * 10 + e + 1) + ":8080");
            }
            ports.add(port.build());
        }
        return ProxyState.of(ports);
    }
}
