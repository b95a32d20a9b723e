package dev.keel.reconciler.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.runtime.reconcile.Request;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreatedSlicesTest {

    private static final Request SERVICE = new Request("ns", "web");
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void waitsUntilTheCacheShowsTheCreatedSlice() {
        CreatedSlices created = new CreatedSlices(Clock.fixed(START, ZoneOffset.UTC));
        created.created(SERVICE, "web-abc");

        assertThat(created.observed(SERVICE, List.of())).isFalse();
        assertThat(created.observed(SERVICE, List.of("web-abc"))).isTrue();
        assertThat(created.observed(SERVICE, List.of())).isTrue();
    }

    @Test
    void givesUpOnASliceTheCacheNeverShows() {
        Instant[] now = {START};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        CreatedSlices created = new CreatedSlices(clock);
        created.created(SERVICE, "web-abc");
        assertThat(created.observed(SERVICE, List.of())).isFalse();

        now[0] = START.plus(CreatedSlices.PATIENCE).plusSeconds(1);

        assertThat(created.observed(SERVICE, List.of())).isTrue();
    }
}
