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
        assertThat(CompletionIndexes.parse("1-3,5,7-8", 10)).containsExactly(1, 2, 3, 5, 7, 8);
        assertThat(CompletionIndexes.parse("", 10)).isEmpty();
        assertThat(CompletionIndexes.parse(null, 10)).isEmpty();
    }

    /** A status written through the API may hold any range: only the job's own indexes are read, at their cost. */
    @Test
    void readsOnlyTheJobsIndexesWhateverTheStatusSays() {
        assertThat(CompletionIndexes.parse("0-2147483647", 3)).containsExactly(0, 1, 2);
        assertThat(CompletionIndexes.parse("5-2,-4-1,2", 3)).containsExactly(2);
        assertThat(CompletionIndexes.parse("7-9", 3)).isEmpty();
    }
}
