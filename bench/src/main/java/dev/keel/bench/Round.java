package dev.keel.bench;

import org.HdrHistogram.Histogram;

/**
 * One measured round of one side of a workload.
 *
 * @param ops operations completed (for watches: events delivered)
 * @param seconds wall time of the round
 * @param latency per operation, microseconds
 * @param errors failed operations
 * @param missing watch events written but never delivered (0 for request workloads)
 * @param cores cores used by client, api and etcd during the round
 * @param firstError the first failure, for the report
 */
record Round(long ops, double seconds, Histogram latency, long errors, long missing, double[] cores, String firstError) {

    double opsPerSecond() {
        return ops / Math.max(1e-9, seconds);
    }

    double p50() {
        return LatencyRecorder.millis(latency, 50);
    }

    double p99() {
        return LatencyRecorder.millis(latency, 99);
    }

    /** CPU time that process {@code index} spent per operation of the round, in milliseconds. */
    double cpuMillisPerOp(int index) {
        return ops == 0 ? Double.NaN : cores[index] * seconds * 1000 / ops;
    }

    Round withWatchOutcome(long delivered, Histogram deliveryLatency, long missingEvents) {
        return new Round(delivered, seconds, deliveryLatency, errors, missingEvents, cores, firstError);
    }
}
