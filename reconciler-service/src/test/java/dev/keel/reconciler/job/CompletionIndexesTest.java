package dev.keel.reconciler.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionIndexesTest {

    @Test
    void writesAscendingIntervalsAsKubernetes() {
        assertThat(CompletionIndexes.format(new TreeSet<>(List.of(1, 2, 3, 5)))).isEqualTo("1-3,5");
        assertThat(CompletionIndexes.format(new TreeSet<>(List.of(0, 1)))).isEqualTo("0-1");
        assertThat(CompletionIndexes.format(new TreeSet<>(List.of(4)))).isEqualTo("4");
        assertThat(CompletionIndexes.format(new TreeSet<>())).isEmpty();
    }

    @Test
    void readsWhatItWrites() {
        assertThat(CompletionIndexes.parse("1-3,5,7-8")).containsExactly(1, 2, 3, 5, 7, 8);
        assertThat(CompletionIndexes.parse("")).isEmpty();
        assertThat(CompletionIndexes.parse(null)).isEmpty();
    }
}
