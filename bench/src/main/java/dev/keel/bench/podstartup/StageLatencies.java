package dev.keel.bench.podstartup;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/** The latencies of one stage over all pods, sorted; percentiles by nearest rank (p99 of 50 is the largest). */
record StageLatencies(String stage, long[] sortedNanos, int missing) {

    static StageLatencies of(String stage, List<PodTimeline> pods, ToLongFunction<PodTimeline> latency) {
        long[] all = pods.stream().mapToLong(latency).toArray();
        long[] seen = Arrays.stream(all).filter(nanos -> nanos >= 0).sorted().toArray();
        return new StageLatencies(stage, seen, all.length - seen.length);
    }

    double percentileMillis(double percentile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1e6;
    }

    double maxMillis() {
        return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
    }
}
