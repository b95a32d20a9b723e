package dev.keel.bench.scheduler;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What one case measured.
 *
 * @param bench           the case
 * @param bound           pods seen bound
 * @param podsPerSecond   bound pods over the time from the first create sent to the last bind seen
 * @param createSeconds   how long sending every create took
 * @param p50Millis       median create-to-bind latency
 * @param p99Millis       99th percentile create-to-bind latency
 * @param algorithmMillis the scheduler's mean algorithm duration (snapshot, filter, score), from its metrics
 * @param attemptMillis   the scheduler's own mean attempt duration (pop to bind), from its metrics
 * @param runs            how many runs this is the median of
 */
record CaseResult(BenchCase bench, int bound, double podsPerSecond, double createSeconds, double p50Millis, double p99Millis,
                  double algorithmMillis, double attemptMillis, int runs) {

    static CaseResult of(BenchCase bench, long[] sent, long[] boundAt, double createSeconds, double algorithmMillis,
                         double attemptMillis) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        double[] latencies = new double[sent.length];
        int bound = 0;
        for (int i = 0; i < sent.length; i++) {
            first = Math.min(first, sent[i]);
            if (boundAt[i] > 0) {
                last = Math.max(last, boundAt[i]);
                latencies[bound++] = (boundAt[i] - sent[i]) / 1e6;
            }
        }
        double[] measured = Arrays.copyOf(latencies, bound);
        Arrays.sort(measured);
        double seconds = bound == 0 ? 0 : (last - first) / 1e9;
        return new CaseResult(bench, bound, seconds == 0 ? 0 : bound / seconds, createSeconds,
                percentile(measured, 0.50), percentile(measured, 0.99), algorithmMillis, attemptMillis, 1);
    }

    /** Each figure's median over runs of the same case. */
    static CaseResult median(List<CaseResult> runs) {
        CaseResult first = runs.get(0);
        return new CaseResult(first.bench(), (int) median(runs, CaseResult::bound), median(runs, CaseResult::podsPerSecond),
                median(runs, CaseResult::createSeconds), median(runs, CaseResult::p50Millis), median(runs, CaseResult::p99Millis),
                median(runs, CaseResult::algorithmMillis), median(runs, CaseResult::attemptMillis), runs.size());
    }

    private static double median(List<CaseResult> runs, ToDoubleFunction<CaseResult> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %d | %.0f | %.1f | %.0f | %.0f | %.2f | %.1f |", bench.name(),
                bench.nodes(), bench.pods(), bound, runs, podsPerSecond, createSeconds, p50Millis, p99Millis, algorithmMillis, attemptMillis);
    }

    static String header() {
        return "| case | nodes | pods | bound | runs | pods/s | create s | create→bind p50 ms | create→bind p99 ms | algorithm mean ms | attempt mean ms |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
    }
}
