package dev.keel.api.testing.badinput;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a run found.
 *
 * @param seed     the generator's seed
 * @param sent     how many generated requests were sent (fewer than asked when the deadline passed)
 * @param elapsed  how long the run took
 * @param statuses how many answers of each status code came
 * @param problems every difference from kube-apiserver's behaviour
 */
public record BadInputReport(long seed, int sent, Duration elapsed, Map<Integer, Integer> statuses, List<Problem> problems) {

    public BadInputReport {
        statuses = Map.copyOf(statuses);
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty();
    }

    /** Problems counted by category. */
    public Map<Problem.Category, Long> problemCounts() {
        return problems.stream().collect(Collectors.groupingBy(Problem::category, TreeMap::new, Collectors.counting()));
    }

    /** A readable summary with at most {@code maxProblems} problems listed. */
    public String summary(int maxProblems) {
        StringBuilder text = new StringBuilder("bad-input run, seed " + seed + ": " + sent + " requests in "
                + elapsed.toSeconds() + " s, statuses " + new TreeMap<>(statuses) + ", " + problems.size() + " problems "
                + problemCounts());
        problems.stream().limit(maxProblems).forEach(problem -> text.append("\n  ").append(problem));
        if (problems.size() > maxProblems) {
            text.append("\n  ... and ").append(problems.size() - maxProblems).append(" more");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return summary(50);
    }
}
