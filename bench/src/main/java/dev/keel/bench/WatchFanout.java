package dev.keel.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Watch fan-out: W watchers of one collection, then N writes; every write must reach every watcher. Each event
 * carries its send time (taken just before the write request), so each delivery's latency is arrival minus
 * that stamp, all on this JVM's clock. The same connected watchers serve every phase (paced, then burst).
 */
final class WatchFanout {

    /** A phase: N writes at a fixed rate, or as fast as one writer can go ({@code ratePerSecond == 0}). */
    record Phase(String name, double ratePerSecond) {
    }

    /** Writes object number {@code seq}, stamped with {@code sentNanos}. */
    interface Writer {
        void write(long seq, long sentNanos) throws Exception;
    }

    record Result(String side, String phase, int watchers, long writes, long writeErrors, long delivered, long missing,
            long duplicates, long watchersLost, Histogram latency, double writeSeconds, double allDeliveredSeconds,
            double[] cores, String note) {

        double deliveriesPerSecond() {
            return delivered / Math.max(1e-9, allDeliveredSeconds);
        }
    }

    /** What one watcher received; fed by one delivery thread at a time, read by the measuring thread. */
    static final class Watcher {

        private final BitSet seen = new BitSet();
        private long count;
        private long duplicates;
        private long unexpected;
        private long lastArrival;
        private volatile String ended;

        synchronized void deliver(long seq, long sentNanos, long arrivalNanos, LatencyRecorder latency) {
            if (seq < 0 || sentNanos <= 0) {
                unexpected++;
                return;
            }
            if (seen.get((int) seq)) {
                duplicates++;
                return;
            }
            seen.set((int) seq);
            count++;
            lastArrival = Math.max(lastArrival, arrivalNanos);
            latency.recordNanos(arrivalNanos - sentNanos);
        }

        void ended(String reason) {
            ended = reason;
        }

        synchronized long count() {
            return count;
        }

        synchronized long lastArrival() {
            return lastArrival;
        }

        synchronized long duplicates() {
            return duplicates;
        }

        synchronized long unexpected() {
            return unexpected;
        }

        synchronized long missingOf(BitSet expected) {
            BitSet absent = (BitSet) expected.clone();
            absent.andNot(seen);
            return absent.cardinality();
        }

        boolean lost() {
            return ended != null;
        }

        String endReason() {
            return ended;
        }
    }

    private static final long DELIVERY_TIMEOUT_NANOS = 60_000_000_000L;

    private final String side;
    private final Watcher[] watchers;
    private final LatencyRecorder latency;
    private final Writer writer;
    private final CpuSampler cpu;
    private final AtomicLong nextSeq = new AtomicLong();

    /**
     * @param latency the recorder the watchers were given
     */
    WatchFanout(String side, Watcher[] watchers, LatencyRecorder latency, Writer writer, CpuSampler cpu) {
        this.side = side;
        this.watchers = watchers;
        this.latency = latency;
        this.writer = writer;
        this.cpu = cpu;
    }

    List<Result> run(List<Phase> phases, int writes) throws InterruptedException {
        List<Result> results = new ArrayList<>();
        for (Phase phase : phases) {
            results.add(phase(phase, writes));
        }
        return results;
    }

    private Result phase(Phase phase, int writes) throws InterruptedException {
        long[] countBefore = new long[watchers.length];
        long duplicatesBefore = 0;
        long unexpectedBefore = 0;
        for (int i = 0; i < watchers.length; i++) {
            countBefore[i] = watchers[i].count();
            duplicatesBefore += watchers[i].duplicates();
            unexpectedBefore += watchers[i].unexpected();
        }
        latency.reset();
        BitSet expected = new BitSet();
        long errors = 0;
        String firstError = null;
        CpuSampler.Sample before = cpu.sample();
        long start = Nanos.now();
        for (int i = 0; i < writes; i++) {
            if (phase.ratePerSecond() > 0) {
                Nanos.sleepUntil(start + (long) (i * 1e9 / phase.ratePerSecond()));
            }
            long seq = nextSeq.getAndIncrement();
            try {
                writer.write(seq, Nanos.now());
                expected.set((int) seq);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                errors++;
                if (firstError == null) {
                    firstError = e.toString();
                }
            }
        }
        long writesDone = Nanos.now();
        long target = expected.cardinality();
        long deadline = writesDone + DELIVERY_TIMEOUT_NANOS;
        while (Nanos.now() < deadline && !allDelivered(countBefore, target)) {
            Thread.sleep(2);
        }
        CpuSampler.Sample after = cpu.sample();
        long delivered = 0;
        long missing = 0;
        long duplicates = -duplicatesBefore;
        long unexpected = -unexpectedBefore;
        long lost = 0;
        long lastArrival = writesDone;
        String lostReason = null;
        for (int i = 0; i < watchers.length; i++) {
            Watcher watcher = watchers[i];
            delivered += watcher.count() - countBefore[i];
            missing += watcher.missingOf(expected);
            duplicates += watcher.duplicates();
            unexpected += watcher.unexpected();
            lastArrival = Math.max(lastArrival, watcher.lastArrival());
            if (watcher.lost()) {
                lost++;
                lostReason = watcher.endReason();
            }
        }
        String note = firstError != null ? "first write error: " + firstError
                : lostReason != null ? "a watch ended: " + lostReason
                : unexpected > 0 ? unexpected + " lines without seq/sent" : "";
        Progress.log("fan-out %s %s: %d writes, %d deliveries, %d missing", side, phase.name(), target, delivered,
                missing);
        return new Result(side, phase.name(), watchers.length, target, errors, delivered, missing, duplicates, lost,
                latency.take(), (writesDone - start) / 1e9, (lastArrival - start) / 1e9, cpu.coresBetween(before, after),
                note);
    }

    private boolean allDelivered(long[] countBefore, long target) {
        for (int i = 0; i < watchers.length; i++) {
            if (!watchers[i].lost() && watchers[i].count() - countBefore[i] < target) {
                return false;
            }
        }
        return true;
    }
}
