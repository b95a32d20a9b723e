package dev.keel.api.watch;

import dev.keel.api.status.ApiException;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's watch: its events, encoded and sent to a {@link WatchSink} (a chunked HTTP response or a WebSocket).
 *
 * <p>Changes arrive on the hub's thread and are only filtered and queued there; a writer thread encodes and
 * writes them, flushing after each batch. A watcher that lets too many events pile up is closed, as
 * Kubernetes closes slow watchers; its client then watches again from its last resourceVersion.
 */
public class WatchStream implements ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(WatchStream.class);

    private final WatchSink sink;
    private final WatchFilter filter;
    private final WatchFrames frames;
    private final Executor writer;
    private final int maxPending;
    private final long startRevision;
    private final ConcurrentLinkedQueue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastRevision;
    /** Initial events raise the slow-watcher limit by their number: they are queued all at once. */
    private volatile int initialItems;
    private volatile Runnable onClose = () -> { };
    private volatile ScheduledFuture<?> bookmarks;
    private volatile ScheduledFuture<?> deadline;

    public WatchStream(WatchSink sink, WatchFilter filter, WatchFrames frames, Executor writer, int maxPending,
            long startRevision) {
        this.sink = sink;
        this.filter = filter;
        this.frames = frames;
        this.writer = writer;
        this.maxPending = maxPending;
        this.startRevision = startRevision;
        this.lastRevision = startRevision;
        sink.onDisconnect(this::close);
    }

    /** Runs {@code action} once when the stream ends, whatever ends it. */
    public void onClose(Runnable action) {
        this.onClose = action;
        if (closed.get()) {
            action.run();
        }
    }

    /** Sends bookmarks every {@code periodMillis} and ends the watch after {@code timeoutMillis}. */
    public void schedule(ScheduledExecutorService timer, long periodMillis, long timeoutMillis, boolean sendBookmarks) {
        if (sendBookmarks) {
            bookmarks = timer.scheduleAtFixedRate(() -> enqueue(new Bookmark(lastRevision, false)),
                    periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
        deadline = timer.schedule(() -> close(), timeoutMillis, TimeUnit.MILLISECONDS);
        if (closed.get()) {
            // Ended before the timers existed (history replay overflow, compacted start): do not leave them running.
            cancel(bookmarks);
            cancel(deadline);
        }
    }

    /** Queues a synthetic event for the current state, sent before any change. */
    public void initial(ChangeEvent.Type type, com.fasterxml.jackson.databind.node.ObjectNode object) {
        initialItems++;
        add(new Frame(type, object, null));
    }

    /** Queues the bookmark that ends the initial events of a {@code sendInitialEvents} watch. */
    public void initialEventsEnd(long revision) {
        add(new Bookmark(revision, true));
    }

    @Override
    public boolean onChange(ChangeEvent event) {
        if (closed.get()) {
            return true;
        }
        if (event.revision() <= startRevision) {
            return true;
        }
        ChangeEvent.Type visible = filter.visibleType(event);
        if (visible == null) {
            lastRevision = event.revision();
            return true;
        }
        boolean queued = enqueue(new Frame(visible, event.object(), event));
        // Only after the frame is queued: a bookmark must never promise a revision whose event could still be lost.
        lastRevision = event.revision();
        return queued;
    }

    @Override
    public void onProgress(long revision) {
        if (revision > lastRevision) {
            lastRevision = revision;
        }
    }

    @Override
    public void onClosed(ApiException reason) {
        if (reason != null) {
            enqueue(new Failure(reason));
        }
        enqueue(End.INSTANCE);
    }

    private boolean enqueue(Object item) {
        if (closed.get()) {
            return true;
        }
        // The limit is for live changes a client does not read; the initial state and the end always go in.
        if (pendingCount.get() >= maxPending + initialItems && !(item instanceof End) && !(item instanceof Failure)) {
            log.info("Closing a watch that fell {} events behind", maxPending);
            return false;
        }
        add(item);
        return true;
    }

    private void add(Object item) {
        if (closed.get()) {
            return;
        }
        pendingCount.incrementAndGet();
        pending.add(item);
        if (draining.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (true) {
                Object item;
                boolean wrote = false;
                while ((item = pending.poll()) != null) {
                    pendingCount.decrementAndGet();
                    if (closed.get()) {
                        continue;
                    }
                    if (item instanceof End) {
                        sink.flush();
                        close();
                        return;
                    }
                    sink.send(encode(item));
                    wrote = true;
                }
                if (wrote) {
                    sink.flush();
                }
                draining.set(false);
                if (pending.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Watch client went away", e);
            draining.set(false);
            close();
        }
    }

    private byte[] encode(Object item) {
        if (item instanceof Frame frame) {
            return frames.event(frame.type.name(), frame.object, frame.source);
        }
        if (item instanceof Bookmark bookmark) {
            return frames.bookmark(bookmark.revision, bookmark.initialEventsEnd);
        }
        return frames.error(((Failure) item).reason);
    }

    /** Ends the stream and releases everything it holds. */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        cancel(bookmarks);
        cancel(deadline);
        pending.clear();
        sink.close();
        onClose.run();
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private record Frame(ChangeEvent.Type type, com.fasterxml.jackson.databind.node.ObjectNode object, ChangeEvent source) {
    }

    private record Bookmark(long revision, boolean initialEventsEnd) {
    }

    private record Failure(ApiException reason) {
    }

    private enum End { INSTANCE }
}
