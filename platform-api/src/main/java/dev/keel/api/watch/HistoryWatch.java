package dev.keel.api.watch;

import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.Statuses;
import dev.keel.api.store.RevisionCompactedException;
import dev.keel.api.store.StoreEvent;
import dev.keel.api.store.StoreException;
import dev.keel.api.store.StoreWatch;
import dev.keel.api.store.StoreWatchListener;
import java.util.List;

/**
 * A watch served straight from etcd, for a resourceVersion older than the hub's in-memory history (after an
 * API server restart, say). etcd replays what it still has; once it has compacted that far the client gets
 * 410 Expired and relists.
 */
public final class HistoryWatch implements AutoCloseable {

    private final StoreWatch storeWatch;

    private HistoryWatch(StoreWatch storeWatch) {
        this.storeWatch = storeWatch;
    }

    public static HistoryWatch start(ObjectStorage storage, ChangeDecoder decoder, ResourceType type, String namespace,
            long fromRevision, ChangeListener listener) {
        StoreWatch[] self = new StoreWatch[1];
        self[0] = storage.store().watch(storage.collectionPrefix(type, namespace), fromRevision, new StoreWatchListener() {
            @Override
            public void onEvents(List<StoreEvent> events) {
                for (StoreEvent storeEvent : events) {
                    ChangeEvent event = decoder.decode(storeEvent);
                    if (event != null && event.resource() == type && !listener.onChange(event)) {
                        listener.onClosed(Statuses.gone("watcher could not keep up and was closed; watch again"));
                        close();
                        return;
                    }
                }
            }

            @Override
            public void onProgress(long revision) {
                listener.onProgress(revision);
            }

            @Override
            public void onError(StoreException error) {
                listener.onClosed(error instanceof RevisionCompactedException
                        ? Statuses.gone("too old resource version: " + fromRevision + " (" + ((RevisionCompactedException) error).compactRevision() + ")")
                        : Statuses.unavailable("the storage watch was interrupted: " + error.getMessage(), error));
            }

            private void close() {
                if (self[0] != null) {
                    self[0].close();
                }
            }
        });
        return new HistoryWatch(self[0]);
    }

    @Override
    public void close() {
        storeWatch.close();
    }
}
