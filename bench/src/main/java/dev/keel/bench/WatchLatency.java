package dev.keel.bench;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watch latency with one watcher and C writers: writers create objects in a closed loop, each stamped with its
 * send time taken just before the request; the one watcher of the collection records, for every event, the time
 * from that stamp to the event's arrival. A round's throughput is events delivered per second; once the writers
 * stop, the round waits for every written event to arrive (bounded), and counts those that never did.
 */
final class WatchLatency implements Workload.Side {

    /** Writes object number {@code seq}, stamped with {@code sentNanos}. */
    interface Writer {
        void write(long seq, long sentNanos) throws Exception;
    }

    private static final long DRAIN_TIMEOUT_NANOS = 15_000_000_000L;

    private final ClosedLoop loop;
    private final Writer writer;
    private final LatencyRecorder latency = new LatencyRecorder();
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final BitSet seen = new BitSet();
    private final AtomicReference<String> problem = new AtomicReference<>();

    WatchLatency(ClosedLoop loop, Writer writer) {
        this.loop = loop;
        this.writer = writer;
    }

    /** Called by the watcher for every event it receives. */
    void delivered(long seq, long sentNanos, long arrivalNanos) {
        if (seq < 0 || sentNanos <= 0) {
            problem.compareAndSet(null, "an event without seq/sent");
            return;
        }
        synchronized (seen) {
            if (seen.get((int) seq)) {
                duplicates.incrementAndGet();
                return;
            }
            seen.set((int) seq);
        }
        latency.recordNanos(arrivalNanos - sentNanos);
        delivered.incrementAndGet();
    }

    /** Called by the watcher when its stream fails or ends. */
    void watchEnded(String reason) {
        problem.compareAndSet(null, "the watch ended: " + reason);
    }

    @Override
    public Round round(int concurrency, long durationNanos) throws Exception {
        latency.reset();
        long writtenBefore = written.get();
        long deliveredBefore = delivered.get();
        Round writes = loop.run(() -> {
            long seq = nextSeq.getAndIncrement();
            writer.write(seq, Nanos.now());
            written.incrementAndGet();
        }, concurrency, durationNanos);
        long deadline = Nanos.now() + DRAIN_TIMEOUT_NANOS;
        long expected = written.get() - writtenBefore;
        while (delivered.get() - deliveredBefore < expected && Nanos.now() < deadline && problem.get() == null) {
            Thread.sleep(2);
        }
        long events = delivered.get() - deliveredBefore;
        if (problem.get() != null) {
            throw new IllegalStateException(problem.get());
        }
        return writes.withWatchOutcome(events, latency.take(), Math.max(0, expected - events));
    }

    long duplicates() {
        return duplicates.get();
    }
}
