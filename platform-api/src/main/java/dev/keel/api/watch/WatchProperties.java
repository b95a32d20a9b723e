package dev.keel.api.watch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Watch delivery and history ({@code keel.api.watch.*}). */
@ConfigurationProperties("keel.api.watch")
public class WatchProperties {

    /** Recent changes kept in memory so watches resume without going back to etcd. */
    private int historySize = 20_000;

    /**
     * Most stored bytes (each change's object and previous object, as etcd holds them) the history keeps. The
     * decoded trees and the encoded JSON kept with them take two to four times this on the heap, so this, not
     * {@link #historySize}, bounds the history's memory when objects are large (a 1 MiB ConfigMap rewritten a few
     * hundred times would otherwise hold the heap to its limit).
     */
    private DataSize historyMaxBytes = DataSize.ofMegabytes(32);

    /** Events a single watcher may have waiting before it is judged too slow and closed. */
    private int maxPendingEvents = 10_000;

    /** How often a watch that asked for bookmarks gets one. */
    private Duration bookmarkInterval = Duration.ofSeconds(60);

    /** How often etcd is asked for its revision so bookmarks advance while nothing changes. */
    private Duration progressInterval = Duration.ofSeconds(5);

    /** Longest a watch stays open when the client gives no timeoutSeconds (Kubernetes uses 30 to 60 minutes). */
    private Duration defaultTimeout = Duration.ofMinutes(30);

    /** Threads that write watch events to clients. */
    private int writerThreads = 4;

    public int getHistorySize() {
        return historySize;
    }

    public void setHistorySize(int historySize) {
        this.historySize = historySize;
    }

    public DataSize getHistoryMaxBytes() {
        return historyMaxBytes;
    }

    public void setHistoryMaxBytes(DataSize historyMaxBytes) {
        this.historyMaxBytes = historyMaxBytes;
    }

    public int getMaxPendingEvents() {
        return maxPendingEvents;
    }

    public void setMaxPendingEvents(int maxPendingEvents) {
        this.maxPendingEvents = maxPendingEvents;
    }

    public Duration getBookmarkInterval() {
        return bookmarkInterval;
    }

    public void setBookmarkInterval(Duration bookmarkInterval) {
        this.bookmarkInterval = bookmarkInterval;
    }

    public Duration getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(Duration progressInterval) {
        this.progressInterval = progressInterval;
    }

    public Duration getDefaultTimeout() {
        return defaultTimeout;
    }

    public void setDefaultTimeout(Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
    }

    public int getWriterThreads() {
        return writerThreads;
    }

    public void setWriterThreads(int writerThreads) {
        this.writerThreads = writerThreads;
    }
}
