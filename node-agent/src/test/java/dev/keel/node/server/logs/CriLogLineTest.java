package dev.keel.node.server.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CriLogLineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2026-11-24T20:00:01.123456789Z stdout F hello world|stdout|false|hello world",
        "2026-11-24T20:00:01.123456789Z stderr P part of a |stderr|true|part of a ",
        "2026-11-24T20:00:01Z stdout F |stdout|false|''",
        "2026-11-24T20:00:01Z stdout F|stdout|false|''",
        "2026-11-24T20:00:01Z stdout no tag at all|stdout|false|no tag at all",
        "2026-11-24T20:00:01Z stdout F   spaces kept|stdout|false|'  spaces kept'",
    })
    void parsesStreamTagAndText(String raw, String stream, boolean partial, String text) {
        CriLogLine line = CriLogLine.parse(raw);
        assertThat(line.stream()).isEqualTo(stream);
        assertThat(line.partial()).isEqualTo(partial);
        assertThat(line.text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "yesterday stdout F x", "2026-11-24T20:00:01Z stdin F x"})
    void rejectsLinesNotInCriFormat(String raw) {
        assertThatThrownBy(() -> CriLogLine.parse(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void rendersTextWithNewlineOnlyForFullLinesAndTheTimeWhenAsked() {
        CriLogLine full = CriLogLine.parse("2026-11-24T20:00:01.5Z stdout F hi");
        CriLogLine partial = CriLogLine.parse("2026-11-24T20:00:01.5Z stdout P h");
        assertThat(full.time()).isEqualTo(Instant.parse("2026-11-24T20:00:01.5Z"));
        assertThat(new String(full.render(false), StandardCharsets.UTF_8)).isEqualTo("hi\n");
        assertThat(new String(full.render(true), StandardCharsets.UTF_8)).isEqualTo("2026-11-24T20:00:01.5Z hi\n");
        assertThat(new String(partial.render(false), StandardCharsets.UTF_8)).isEqualTo("h");
    }
}
