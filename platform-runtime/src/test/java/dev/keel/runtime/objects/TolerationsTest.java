package dev.keel.runtime.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The taint-toleration rule, once, against Kubernetes' documented semantics and its ToleratesTaint. */
class TolerationsTest {

    static Stream<Arguments> cases() {
        Taint dedicated = taint("dedicated", "gpu", "NoSchedule");
        return Stream.of(
                Arguments.of("equal key, value and effect", toleration("dedicated", "Equal", "gpu", "NoSchedule"), dedicated, true),
                Arguments.of("default operator is Equal", toleration("dedicated", null, "gpu", "NoSchedule"), dedicated, true),
                Arguments.of("other value", toleration("dedicated", "Equal", "cpu", "NoSchedule"), dedicated, false),
                Arguments.of("other effect", toleration("dedicated", "Equal", "gpu", "NoExecute"), dedicated, false),
                Arguments.of("empty effect matches all", toleration("dedicated", "Equal", "gpu", null), dedicated, true),
                Arguments.of("Exists ignores the value", toleration("dedicated", "Exists", null, "NoSchedule"), dedicated, true),
                Arguments.of("empty key with Exists tolerates everything", toleration(null, "Exists", null, null), dedicated, true),
                // Validation refuses an empty key without Exists; were one stored, Kubernetes' ToleratesTaint compares values.
                Arguments.of("empty key with Equal compares the value", toleration(null, "Equal", "gpu", null), dedicated, true),
                Arguments.of("empty key with Equal, other value", toleration(null, "Equal", "cpu", null), dedicated, false),
                Arguments.of("unknown operator tolerates nothing", toleration("dedicated", "Gt", "gpu", null), dedicated, false),
                Arguments.of("other key", toleration("zone", "Exists", null, null), dedicated, false),
                Arguments.of("taint without value, Equal with empty value",
                        toleration("node.kubernetes.io/unreachable", "Equal", "", "NoExecute"),
                        taint("node.kubernetes.io/unreachable", null, "NoExecute"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesAsKubernetes(String description, Toleration toleration, Taint taint, boolean expected) {
        assertThat(Tolerations.tolerates(toleration, taint)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void allTaintsOfTheGivenEffectsMustBeTolerated(String description, Toleration toleration, Taint taint, boolean expected) {
        assertThat(Tolerations.toleratesAll(List.of(toleration), List.of(taint), List.of(taint.getEffect()))).isEqualTo(expected);
        assertThat(Tolerations.toleratesAll(List.of(), List.of(taint), List.of("PreferNoSchedule"))).isTrue();
    }

    @org.junit.jupiter.api.Test
    void nullsNeverThrow() {
        Taint taint = taint("k", "v", "NoSchedule");
        assertThat(Tolerations.tolerates((Toleration) null, taint)).isFalse();
        assertThat(Tolerations.tolerates((List<Toleration>) null, taint)).isFalse();
        assertThat(Tolerations.toleratesAll(null, null, List.of("NoSchedule"))).isTrue();
        assertThat(Tolerations.tolerationTime(null, taint)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void tolerationSecondsOfNoExecuteTaints() {
        Taint unreachable = taint("node.kubernetes.io/unreachable", null, "NoExecute");
        Toleration forever = toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute");
        Toleration fiveMinutes = seconds(toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute"), 300L);
        Toleration anyFor60 = seconds(toleration(null, "Exists", null, null), 60L);
        Toleration negative = seconds(toleration("node.kubernetes.io/unreachable", "Exists", null, null), -5L);

        assertThat(Tolerations.tolerationTime(List.of(), unreachable)).as("not tolerated: at once").isEmpty();
        assertThat(Tolerations.tolerationTime(List.of(forever), unreachable)).contains(Tolerations.TolerationTime.FOREVER);
        assertThat(Tolerations.tolerationTime(List.of(fiveMinutes), unreachable).get().seconds()).isEqualTo(300L);
        assertThat(Tolerations.tolerationTime(List.of(forever, fiveMinutes, anyFor60), unreachable).get().seconds())
                .as("the least of the matching tolerations").isEqualTo(60L);
        assertThat(Tolerations.tolerationTime(List.of(negative), unreachable).get().seconds()).as("negative: at once").isZero();
        assertThat(Tolerations.tolerationTime(List.of(toleration("other", "Exists", null, null)), unreachable)).isEmpty();
    }

    private static Toleration seconds(Toleration toleration, Long seconds) {
        toleration.setTolerationSeconds(seconds);
        return toleration;
    }

    static Toleration toleration(String key, String operator, String value, String effect) {
        return new TolerationBuilder().withKey(key).withOperator(operator).withValue(value).withEffect(effect).build();
    }

    static Taint taint(String key, String value, String effect) {
        return new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
    }
}
