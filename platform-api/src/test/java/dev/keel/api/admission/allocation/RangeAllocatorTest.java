package dev.keel.api.admission.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.api.store.EtcdStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The allocator against a real etcd: uniqueness under concurrency, requests, release, exhaustion. */
class RangeAllocatorTest {

    private final EtcdStore store = EtcdStores.shared();
    private String prefix;

    @BeforeEach
    void isolate() {
        prefix = EtcdStores.freshPrefix();
    }

    private RangeAllocator ports(String range) {
        return new RangeAllocator(store, prefix + "servicenodeports/", NodePortRange.parse(range), new Random());
    }

    private RangeAllocator ips(String cidr) {
        return new RangeAllocator(store, prefix + "serviceips/", ServiceIpRange.parse(cidr), new Random());
    }

    /** Runs {@code count} allocations on {@code threads} threads, each as if from its own API server replica. */
    private static List<String> allocateConcurrently(RangeAllocator allocator, int count, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String owner = "default/svc-" + i + "/uid-" + i;
                calls.add(() -> allocator.claimNext(owner).value());
            }
            List<String> values = new ArrayList<>();
            for (Future<String> future : pool.invokeAll(calls, 60, TimeUnit.SECONDS)) {
                values.add(future.get());
            }
            return values;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentAllocationsAreAllDistinct() throws Exception {
        RangeAllocator allocator = ports("30000-32767");

        List<String> values = allocateConcurrently(allocator, 200, 8);

        assertThat(new HashSet<>(values)).hasSize(200);
        assertThat(values).allSatisfy(value -> assertThat(allocator.contains(value)).isTrue());
        assertThat(store.list(prefix + "servicenodeports/", null, 0, 0).items()).hasSize(200);
    }

    @Test
    void aCrowdedRangeFillsUpWithoutDuplicatesThenReportsFull() throws Exception {
        RangeAllocator allocator = ports("31000-31099");

        List<String> values = allocateConcurrently(allocator, 100, 8);

        assertThat(new HashSet<>(values)).hasSize(100);
        assertThatThrownBy(() -> allocator.claimNext("default/late/uid"))
                .isInstanceOfSatisfying(AllocationException.class, e -> assertThat(e.reason()).isEqualTo(AllocationException.Reason.FULL))
                .hasMessage("range is full");
    }

    @Test
    void aTinyAddressRangeHandsOutOnlyHostAddresses() {
        RangeAllocator allocator = ips("192.168.77.0/29");
        Set<String> values = new HashSet<>();

        for (int i = 0; i < 6; i++) {
            values.add(allocator.claimNext("default/svc-" + i + "/uid").value());
        }

        assertThat(values).containsExactlyInAnyOrder("192.168.77.1", "192.168.77.2", "192.168.77.3", "192.168.77.4",
                "192.168.77.5", "192.168.77.6");
        assertThatThrownBy(() -> allocator.claimNext("default/one-more/uid")).isInstanceOf(AllocationException.class);
    }

    @Test
    void automaticAllocationLeavesTheLowBandForRequests() {
        RangeAllocator allocator = ips("10.200.0.0/24");

        for (int i = 0; i < 40; i++) {
            String ip = allocator.claimNext("default/svc-" + i + "/uid").value();
            assertThat(Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1))).isGreaterThan(16);
        }
    }

    @Test
    void requestedValuesAreHonouredOnce() {
        RangeAllocator allocator = ips("10.96.0.0/16");

        Claim first = allocator.claim("10.96.0.1", "default/kubernetes/uid-1");

        assertThat(first.created()).isTrue();
        assertThat(new String(store.get(prefix + "serviceips/10.96.0.1").orElseThrow().value(), StandardCharsets.UTF_8))
                .isEqualTo("default/kubernetes/uid-1");
        assertThatThrownBy(() -> allocator.claim("10.96.0.1", "default/other/uid-2"))
                .isInstanceOfSatisfying(AllocationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AllocationException.Reason.ALREADY_ALLOCATED));
        assertThatThrownBy(() -> allocator.claim("10.97.0.1", "default/other/uid-2"))
                .isInstanceOfSatisfying(AllocationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AllocationException.Reason.NOT_IN_RANGE));
        assertThatThrownBy(() -> allocator.claim("10.96.0.0", "default/other/uid-2"))
                .isInstanceOfSatisfying(AllocationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AllocationException.Reason.NOT_IN_RANGE));
    }

    @Test
    void anOwnerMayClaimWhatItAlreadyHolds() {
        RangeAllocator allocator = ports("30000-32767");
        Claim first = allocator.claim("30080", "default/web/uid-1");

        Claim again = allocator.claim("30080", "default/web/uid-1");

        assertThat(again.created()).isFalse();
        assertThat(again.revision()).isGreaterThan(first.revision());
        assertThat(allocator.heldBy("30080", "default/web/uid-1")).contains(again.revision());
        assertThat(allocator.heldBy("30080", "default/web/uid-2")).isEmpty();
    }

    @Test
    void onlyTheOwnerReleasesAndOnlyAnUntouchedKey() {
        RangeAllocator allocator = ports("30000-32767");
        Claim claim = allocator.claim("30090", "default/web/uid-1");

        assertThat(allocator.release("30090", "default/intruder/uid-9", null)).isFalse();
        assertThat(allocator.release("30090", "default/web/uid-1", claim.revision() - 1)).isFalse();
        assertThat(allocator.release("30090", "default/web/uid-1", claim.revision())).isTrue();
        assertThat(allocator.release("30090", "default/web/uid-1", null)).isFalse();
        assertThat(allocator.claim("30090", "default/next/uid-3").created()).isTrue();
    }

    @Test
    void dryRunsLookWithoutWriting() {
        RangeAllocator allocator = ports("30000-30009");
        allocator.claim("30005", "default/web/uid-1");

        String peeked = allocator.peekNext(Set.of());

        assertThat(peeked).isNotEqualTo("30005");
        assertThat(store.get(prefix + "servicenodeports/" + peeked)).isEmpty();
        assertThat(allocator.available("30005", "default/other/uid")).isFalse();
        assertThat(allocator.available("30005", "default/web/uid-1")).isTrue();
        assertThat(allocator.available("31000", "default/other/uid")).isFalse();
    }
}
