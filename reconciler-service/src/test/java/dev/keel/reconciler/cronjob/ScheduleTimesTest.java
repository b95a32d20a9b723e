package dev.keel.reconciler.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduleTimesTest {

    private static final CronSchedule EVERY_MINUTE = CronSchedule.parse("*/1 * * * *", ZoneOffset.UTC);
    private static final Instant CREATED = Instant.parse("2026-12-07T10:00:10Z");

    @Test
    void nothingDueBeforeTheFirstActivation() {
        ScheduleTimes.MostRecent due = ScheduleTimes.mostRecent(EVERY_MINUTE, CREATED, null, null, Instant.parse("2026-12-07T10:00:50Z"));
        assertThat(due.mostRecent()).isEmpty();
        assertThat(ScheduleTimes.untilNext(EVERY_MINUTE, CREATED, null, Instant.parse("2026-12-07T10:00:50Z")))
                .contains(Duration.ofSeconds(10).plus(ScheduleTimes.NEXT_SCHEDULE_DELTA));
    }

    @Test
    void theLatestOfSeveralMissedActivationsIsDue() {
        ScheduleTimes.MostRecent due = ScheduleTimes.mostRecent(EVERY_MINUTE, CREATED, null, null, Instant.parse("2026-12-07T10:05:30Z"));
        assertThat(due.mostRecent()).contains(Instant.parse("2026-12-07T10:05:00Z"));
        assertThat(due.missed()).isEqualTo(5);
        assertThat(due.tooManyMissed()).isFalse();
    }

    @Test
    void theLastScheduleTimeIsWhereCountingStarts() {
        Instant last = Instant.parse("2026-12-07T10:05:00Z");
        ScheduleTimes.MostRecent due = ScheduleTimes.mostRecent(EVERY_MINUTE, CREATED, last, null, Instant.parse("2026-12-07T10:05:40Z"));
        assertThat(due.mostRecent()).isEmpty();
        assertThat(ScheduleTimes.untilNext(EVERY_MINUTE, CREATED, last, Instant.parse("2026-12-07T10:05:40Z")))
                .contains(Duration.ofSeconds(20).plus(ScheduleTimes.NEXT_SCHEDULE_DELTA));
    }

    @Test
    void moreThanAHundredMissedIsTooMany() {
        ScheduleTimes.MostRecent due = ScheduleTimes.mostRecent(EVERY_MINUTE, CREATED, null, null, Instant.parse("2026-12-07T12:00:30Z"));
        assertThat(due.mostRecent()).contains(Instant.parse("2026-12-07T12:00:00Z"));
        assertThat(due.tooManyMissed()).isTrue();
    }

    @Test
    void startingDeadlineSecondsLimitsHowFarBackItLooks() {
        Instant now = Instant.parse("2026-12-07T12:00:30Z");
        ScheduleTimes.MostRecent within = ScheduleTimes.mostRecent(EVERY_MINUTE, CREATED, null, 60L, now);
        assertThat(within.mostRecent()).contains(Instant.parse("2026-12-07T12:00:00Z"));
        assertThat(within.tooManyMissed()).isFalse();
        ScheduleTimes.MostRecent past = ScheduleTimes.mostRecent(EVERY_MINUTE, CREATED, null, 10L, now);
        assertThat(past.mostRecent()).isEmpty();
    }

    @Test
    void irregularSchedulesAreWalkedExactly() {
        CronSchedule workHours = CronSchedule.parse("30 6-16/4 * * 1-5", ZoneOffset.UTC);
        // Created on a Friday morning, looked at on Monday noon: the latest is Monday 10:30.
        ScheduleTimes.MostRecent due = ScheduleTimes.mostRecent(workHours, Instant.parse("2026-12-04T07:00:00Z"), null, null,
                Instant.parse("2026-12-07T12:00:00Z"));
        assertThat(due.mostRecent()).contains(Instant.parse("2026-12-07T10:30:00Z"));
    }

    @Test
    void aMissedWindowOfAnIrregularScheduleIsDueAndTheNextIsTomorrow() {
        // Two activations a minute apart, then a day's gap: the first gap is no estimate of the others.
        CronSchedule twiceAtMidnight = CronSchedule.parse("0,1 0 * * *", ZoneOffset.UTC);
        Instant created = Instant.parse("2026-12-06T23:00:00Z");
        Instant noon = Instant.parse("2026-12-07T12:00:00Z");

        // Woken at the next activation, not every 100 ms until then.
        assertThat(ScheduleTimes.untilNext(twiceAtMidnight, created, null, noon))
                .contains(Duration.ofHours(12).plus(ScheduleTimes.NEXT_SCHEDULE_DELTA));
        assertThat(ScheduleTimes.mostRecent(twiceAtMidnight, created, null, null, noon).mostRecent())
                .contains(Instant.parse("2026-12-07T00:01:00Z"));
        // Once that run is recorded, nothing is due until tomorrow either.
        Instant last = Instant.parse("2026-12-07T00:01:00Z");
        assertThat(ScheduleTimes.mostRecent(twiceAtMidnight, created, last, null, noon).mostRecent()).isEmpty();
        assertThat(ScheduleTimes.untilNext(twiceAtMidnight, created, last, noon))
                .contains(Duration.ofHours(12).plus(ScheduleTimes.NEXT_SCHEDULE_DELTA));
    }

    @Test
    void aLongAgoFirstActivationStillFindsTheLatestWithinTheDeadline() {
        CronSchedule twiceAtMidnight = CronSchedule.parse("0,1 0 * * *", ZoneOffset.UTC);
        Instant noon = Instant.parse("2026-12-07T12:00:00Z");
        // Created years ago, just before a midnight: the first gap (a minute) makes the estimate land minutes before
        // now, so the latest is looked for further back from now, not walked to from 2016.
        Instant created = Instant.parse("2016-01-01T23:59:30Z");
        ScheduleTimes.MostRecent due = ScheduleTimes.mostRecent(twiceAtMidnight, created, null, null, noon);
        assertThat(due.mostRecent()).contains(Instant.parse("2026-12-07T00:01:00Z"));
        assertThat(due.tooManyMissed()).isTrue();
        // startingDeadlineSeconds of an hour: the midnight window is past it.
        assertThat(ScheduleTimes.mostRecent(twiceAtMidnight, created, null, 3600L, noon).mostRecent()).isEmpty();
    }
}
