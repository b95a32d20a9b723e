package dev.keel.bench;

import java.util.Arrays;
import java.util.List;

/** The rounds of one side of one table cell, reduced to medians (errors and missing events are summed). */
record Summary(int rounds, double opsPerSecond, double p50, double p99, long samples, long errors, long missing,
        double[] cores, double[] cpuMillisPerOp, String firstError) {

    static Summary of(List<Round> rounds) {
        double[] cores = new double[CpuSampler.NAMES.length];
        double[] perOp = new double[CpuSampler.NAMES.length];
        for (int i = 0; i < cores.length; i++) {
            int process = i;
            cores[i] = median(rounds.stream().mapToDouble(r -> r.cores()[process]).toArray());
            perOp[i] = median(rounds.stream().mapToDouble(r -> r.cpuMillisPerOp(process)).toArray());
        }
        return new Summary(rounds.size(),
                median(rounds.stream().mapToDouble(Round::opsPerSecond).toArray()),
                median(rounds.stream().mapToDouble(Round::p50).toArray()),
                median(rounds.stream().mapToDouble(Round::p99).toArray()),
                rounds.stream().mapToLong(Round::ops).sum(),
                rounds.stream().mapToLong(Round::errors).sum(),
                rounds.stream().mapToLong(Round::missing).sum(),
                cores,
                perOp,
                rounds.stream().map(Round::firstError).filter(e -> e != null).findFirst().orElse(null));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
