package dev.keel.bench.scheduler;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What one case measured, both ways.
 *
 * @param bench     the case
 * @param pending   pods created first, then the scheduler started: its throughput from first to last bind
 * @param streaming pods created while the scheduler runs: throughput and create-to-bind latency
 * @param runs      how many runs this is the median of
 */
record CaseResult(BenchCase bench, Pending pending, Streaming streaming, int runs) {

    /**
     * @param bound           pods seen bound
     * @param podsPerSecond   binds per second from the first bind seen to the last
     * @param firstBindSeconds from starting the scheduler process to the first bind seen (JVM start, informer sync)
     * @param algorithmMillis the scheduler's mean algorithm duration (snapshot, filter, score), from its metrics
     * @param eventsDropped   Scheduled events the scheduler dropped because its event queue was full
     * @param cpu             CPU per pod from the first bind to the last
     */
    record Pending(int bound, double podsPerSecond, double firstBindSeconds, double algorithmMillis, double eventsDropped,
                   CpuPerPod cpu) {
    }

    /**
     * @param bound           pods seen bound
     * @param podsPerSecond   bound pods over the time from the first create sent to the last bind seen
     * @param createsPerSecond pods over the time sending every create took
     * @param p50Millis       median create-to-bind latency
     * @param p99Millis       99th percentile create-to-bind latency
     * @param algorithmMillis the scheduler's mean algorithm duration, from its metrics
     * @param attemptMillis   the scheduler's own mean attempt duration (pop to bind), from its metrics
     * @param eventsDropped   Scheduled events the scheduler dropped because its event queue was full
     * @param cpu             CPU per pod from the first create to the last bind (creates included)
     */
    record Streaming(int bound, double podsPerSecond, double createsPerSecond, double p50Millis, double p99Millis,
                     double algorithmMillis, double attemptMillis, double eventsDropped, CpuPerPod cpu) {
    }

    /** Throughput over the binds seen: (binds - 1) over the time between the first and the last. */
    static Pending pending(long[] boundAt, double firstBindSeconds, double algorithmMillis, double eventsDropped, CpuPerPod cpu) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int bound = 0;
        for (long at : boundAt) {
            if (at > 0) {
                first = Math.min(first, at);
                last = Math.max(last, at);
                bound++;
            }
        }
        double seconds = bound < 2 ? 0 : (last - first) / 1e9;
        return new Pending(bound, seconds == 0 ? 0 : (bound - 1) / seconds, firstBindSeconds, algorithmMillis, eventsDropped, cpu);
    }

    static Streaming streaming(long[] sent, long[] boundAt, double createSeconds, double algorithmMillis, double attemptMillis,
                               double eventsDropped, CpuPerPod cpu) {
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
        return new Streaming(bound, seconds == 0 ? 0 : bound / seconds, sent.length / createSeconds,
                percentile(measured, 0.50), percentile(measured, 0.99), algorithmMillis, attemptMillis, eventsDropped, cpu);
    }

    /** Each figure's median over runs of the same case. */
    static CaseResult median(List<CaseResult> runs) {
        List<Pending> pending = runs.stream().map(CaseResult::pending).toList();
        List<Streaming> streaming = runs.stream().map(CaseResult::streaming).toList();
        return new CaseResult(runs.get(0).bench(),
                new Pending((int) median(pending, Pending::bound), median(pending, Pending::podsPerSecond),
                        median(pending, Pending::firstBindSeconds), median(pending, Pending::algorithmMillis),
                        median(pending, Pending::eventsDropped), CpuPerPod.median(map(pending, Pending::cpu))),
                new Streaming((int) median(streaming, Streaming::bound), median(streaming, Streaming::podsPerSecond),
                        median(streaming, Streaming::createsPerSecond), median(streaming, Streaming::p50Millis),
                        median(streaming, Streaming::p99Millis), median(streaming, Streaming::algorithmMillis),
                        median(streaming, Streaming::attemptMillis), median(streaming, Streaming::eventsDropped),
                        CpuPerPod.median(map(streaming, Streaming::cpu))),
                runs.size());
    }

    private static <T, R> List<R> map(List<T> list, Function<T, R> f) {
        return list.stream().map(f).toList();
    }

    static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
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

    boolean allBound() {
        return pending.bound() == bench.pods() && streaming.bound() == bench.pods();
    }

    String row() {
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %d | %.0f | %.2f | %,.0f | %.0f | %.0f | %,.0f | %,.0f | %.2f | %.1f | %,.0f |",
                bench.name(), bench.nodes(), bench.pods(), runs, pending.podsPerSecond(), pending.algorithmMillis(),
                pending.eventsDropped(), streaming.podsPerSecond(), streaming.createsPerSecond(), streaming.p50Millis(),
                streaming.p99Millis(), streaming.algorithmMillis(), streaming.attemptMillis(), streaming.eventsDropped());
    }

    static String header() {
        return "| case | nodes | pods | runs | (a) pending: pods/s | (a) algorithm ms | (a) events dropped | (b) streaming: pods/s "
                + "| (b) creates/s | (b) create→bind p50 ms | (b) create→bind p99 ms | (b) algorithm ms | (b) attempt ms "
                + "| (b) events dropped |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
    }

    String cpuRow() {
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %s | %s |", bench.name(), bench.nodes(), bench.pods(),
                pending.cpu().cells(), streaming.cpu().cells());
    }

    static String cpuHeader() {
        return "| case | nodes | pods | (a) scheduler | (a) platform-api | (a) etcd | (a) bench client | (a) total "
                + "| (b) scheduler | (b) platform-api | (b) etcd | (b) bench client | (b) total |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
    }
}
