package dev.keel.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies in microseconds, recorded wait-free from any thread (HdrHistogram's {@link Recorder}, three
 * significant digits). {@link #reset()} starts a round; {@link #take()} ends it and returns what it recorded.
 */
final class LatencyRecorder {

    private final Recorder recorder = new Recorder(3);

    void recordNanos(long nanos) {
        recorder.recordValue(Math.max(1, nanos / 1000));
    }

    void reset() {
        recorder.getIntervalHistogram();
    }

    Histogram take() {
        return recorder.getIntervalHistogram();
    }

    static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMillis(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
    }
}
