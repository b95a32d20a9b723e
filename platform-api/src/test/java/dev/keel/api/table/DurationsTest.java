package dev.keel.api.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            PT0S,          0s
            PT-0.5S,       0s
            PT-1.9S,       0s
            PT-2S,         <invalid>
            PT45S,         45s
            PT119S,        119s
            PT2M,          2m
            PT3M20S,       3m20s
            PT9M59S,       9m59s
            PT10M30S,      10m
            PT179M,        179m
            PT3H,          3h
            PT5H15M,       5h15m
            PT7H59M,       7h59m
            PT8H30M,       8h
            PT47H,         47h
            PT48H,         2d
            PT75H,         3d3h
            PT191H,        7d23h
            PT192H,        8d
            P400D,         400d
            P729D,         729d
            P730D,         2y
            P800D,         2y70d
            P2920D,        8y
            """)
    void human(String duration, String expected) {
        assertThat(Durations.human(Duration.parse(duration))).isEqualTo(expected);
    }

    @Test
    void age() {
        Instant now = Instant.parse("2024-05-01T12:00:00Z");

        assertThat(Durations.age("2024-05-01T11:55:00Z", now)).isEqualTo("5m");
        assertThat(Durations.age("2024-05-01T11:55:00.123456Z", now)).isEqualTo("4m59s");
        assertThat(Durations.age("2024-05-01T13:55:00+02:00", now)).isEqualTo("5m");
        assertThat(Durations.age("", now)).isEqualTo("<unknown>");
        assertThat(Durations.age(null, now)).isEqualTo("<unknown>");
        assertThat(Durations.age("yesterday", now)).isEqualTo("<unknown>");
        assertThat(Durations.since(null, now)).isEqualTo("<unknown>");
    }
}
