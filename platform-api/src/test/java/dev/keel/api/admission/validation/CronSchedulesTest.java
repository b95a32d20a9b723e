package dev.keel.api.admission.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronSchedulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"*/1 * * * *", "0 0 * * *", "5,10-20/5 1-3 1,15 jan-MAR mon-fri", "@hourly", "@daily",
            "@midnight", "@weekly", "@monthly", "@yearly", "@annually", "@every 1h30m", "@every 90s", "? ? ? ? ?",
            "0 9 * * 0", "0 9 * * SUN", "30 4 1,15 * 5", "TZ=UTC 0 * * * *", "CRON_TZ=Europe/Berlin 0 * * * *"})
    void parsesWhatRobfigStandardParses(String schedule) {
        assertThat(CronSchedules.problem(schedule)).as(schedule).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "foo|expected exactly 5 fields, found 1: [foo]",
            "* * * *|expected exactly 5 fields, found 4: [* * * *]",
            "0 * * * * *|expected exactly 5 fields, found 6: [0 * * * * *]",
            "@often|unrecognized descriptor: @often",
            "@every soon|failed to parse duration @every soon: time: invalid duration \"soon\"",
            "60 * * * *|end of range (60) above maximum (59): 60",
            "* 24 * * *|end of range (24) above maximum (23): 24",
            "* * 0 * *|beginning of range (0) below minimum (1): 0",
            "* * * 13 *|end of range (13) above maximum (12): 13",
            "* * * * 7|end of range (7) above maximum (6): 7",
            "5-1 * * * *|beginning of range (5) beyond end of range (1): 5-1",
            "*/0 * * * *|step of range should be a positive number: */0",
            "x * * * *|failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
            "1-2-3 * * * *|too many hyphens: 1-2-3",
            "*/2/3 * * * *|too many slashes: */2/3",
            "* * L * *|failed to parse int from L: strconv.Atoi: parsing \"L\": invalid syntax",
            "TZ=Mars/Olympus 0 * * * *|provided bad location Mars/Olympus: unknown time zone Mars/Olympus"})
    void refusesInRobfigsWords(String schedule, String message) {
        assertThat(CronSchedules.problem(schedule)).as(schedule).contains(message);
    }
}
