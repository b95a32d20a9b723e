package dev.keel.reconciler.cronjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @ParameterizedTest(name = "{0} after {1} in {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "*/1 * * * *|2026-12-07T17:10:30Z|UTC|2026-12-07T17:11:00Z",
            "*/15 * * * *|2026-12-07T17:15:00Z|UTC|2026-12-07T17:30:00Z",
            "0 9 * * *|2026-12-07T10:00:00Z|Europe/Berlin|2026-12-08T08:00:00Z",
            "0 9 * * *|2026-07-07T10:00:00Z|Europe/Berlin|2026-07-08T07:00:00Z",
            "30 10 29 2 *|2026-12-07T00:00:00Z|Asia/Tokyo|2028-02-29T01:30:00Z",
            "0 0 * * 0|2026-12-07T00:00:00Z|UTC|2026-12-13T00:00:00Z",
            "0 0 * * sun|2026-12-07T00:00:00Z|UTC|2026-12-13T00:00:00Z",
            "0 12 * * mon-fri|2026-12-11T13:00:00Z|UTC|2026-12-14T12:00:00Z",
            // both day fields restricted: either matches (the 13th, or a Monday)
            "0 0 13 * 1|2026-12-07T01:00:00Z|UTC|2026-12-13T00:00:00Z",
            "0 0 13 * 1|2026-12-13T01:00:00Z|UTC|2026-12-14T00:00:00Z",
            "@hourly|2026-12-07T17:10:00Z|UTC|2026-12-07T18:00:00Z",
            "@daily|2026-12-07T17:10:00Z|America/New_York|2026-12-08T05:00:00Z",
            "@weekly|2026-12-07T17:10:00Z|UTC|2026-12-13T00:00:00Z",
            "@monthly|2026-12-07T17:10:00Z|UTC|2027-01-01T00:00:00Z",
            "@yearly|2026-12-07T17:10:00Z|UTC|2027-01-01T00:00:00Z",
            "@every 1h30m|2026-12-07T17:10:00.250Z|UTC|2026-12-07T18:40:00Z",
            "? ? ? ? ?|2026-12-07T17:10:30Z|UTC|2026-12-07T17:11:00Z",
            "TZ=Asia/Tokyo 0 9 * * *|2026-12-07T00:30:00Z|UTC|2026-12-08T00:00:00Z"})
    void nextActivationAsRobfig(String schedule, String after, String zone, String expected) {
        CronSchedule parsed = CronSchedule.parse(schedule, ZoneId.of(zone));
        assertThat(parsed.next(Instant.parse(after))).contains(Instant.parse(expected));
    }

    @Test
    void goDurations() {
        assertThat(CronSchedule.goDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(CronSchedule.goDuration("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(CronSchedule.goDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> CronSchedule.goDuration("soon")).hasMessage("time: invalid duration \"soon\"");
    }

    @Test
    void aShortEveryFiresEachSecond() {
        CronSchedule parsed = CronSchedule.parse("@every 10ms", UTC);
        assertThat(parsed.next(Instant.parse("2026-12-07T17:10:00Z"))).contains(Instant.parse("2026-12-07T17:10:01Z"));
    }

    @Test
    void refusesWhatItCannotEvaluate() {
        assertThatThrownBy(() -> CronSchedule.parse("@often", UTC)).hasMessage("unrecognized descriptor: @often");
        assertThatThrownBy(() -> CronSchedule.parse("* * *", UTC)).hasMessage("expected exactly 5 fields, found 3: [* * *]");
    }
}
