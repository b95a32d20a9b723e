package dev.keel.api.rest;

import dev.keel.api.apiextensions.serving.CustomResourceHandling;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.codec.protobuf.ProtobufEncoder;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.registry.KindStrategies;
import dev.keel.api.registry.ObjectReader;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import dev.keel.api.table.TableRenderer;
import dev.keel.api.watch.ChangeDecoder;
import dev.keel.api.watch.ChangeEvent;
import dev.keel.api.watch.ChangeListener;
import dev.keel.api.watch.HistoryWatch;
import dev.keel.api.watch.ServletWatchSink;
import dev.keel.api.watch.WatchFilter;
import dev.keel.api.watch.WatchHub;
import dev.keel.api.watch.WatchProperties;
import dev.keel.api.watch.WatchSink;
import dev.keel.api.watch.WatchStream;
import dev.keel.api.watch.WebSocketWatchUpgrade;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Starts a watch: an optional burst of ADDED events for the current state (no resourceVersion, or "0", or
 * {@code sendInitialEvents=true}), then every later change from the hub, until the timeout or the client
 * leaves. It is a chunked HTTP response, or a WebSocket when the request asks to upgrade.
 */
public class WatchOperation implements AutoCloseable {

    private final WatchHub hub;
    private final ObjectStorage storage;
    private final ChangeDecoder decoder;
    private final ObjectReader reader;
    private final ObjectCodec codec;
    private final TableRenderer tables;
    private final CustomResourceHandling custom;
    private final KindStrategies strategies;
    private final WatchProperties properties;
    private final ExecutorService writers;
    private final ScheduledExecutorService timer;

    public WatchOperation(WatchHub hub, ObjectStorage storage, ChangeDecoder decoder, ObjectReader reader, ObjectCodec codec,
            TableRenderer tables, KindStrategies strategies, WatchProperties properties, CustomResourceHandling custom) {
        this.strategies = strategies;
        this.custom = custom;
        this.hub = hub;
        this.storage = storage;
        this.decoder = decoder;
        this.reader = reader;
        this.codec = codec;
        this.tables = tables;
        this.properties = properties;
        AtomicInteger count = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(properties.getWriterThreads(), r -> {
            Thread thread = new Thread(r, "watch-writer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.timer = Executors.newScheduledThreadPool(1, r -> {
            Thread thread = new Thread(r, "watch-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void watch(HttpServletRequest request, HttpServletResponse response, ResourceType type, String namespace,
            ListOptions options, OutputFormat format, String includeObject) throws IOException {
        boolean webSocket = WebSocketWatchUpgrade.requested(request);
        if (webSocket) {
            WebSocketWatchUpgrade.checkHandshake(request, type);
        }
        WatchFilter filter = new WatchFilter(namespace, options.labels(), options.fields());
        boolean initialEvents = options.resourceVersion() == null || "0".equals(options.resourceVersion())
                || options.sendInitialEvents();
        long fromRevision;
        ObjectReader.ListResult initial = null;
        if (initialEvents) {
            ListOptions all = new ListOptions(options.labels(), options.fields(), 0, null, null, null, false, false, null, false);
            initial = reader.list(type, namespace, all);
            fromRevision = initial.revision();
        } else {
            fromRevision = options.revision();
        }
        FormattedWatchFrames frames = new FormattedWatchFrames(codec, tables, strategies.of(type).columns(), type, format,
                includeObject);
        ObjectReader.ListResult initialState = initial;
        Consumer<WatchSink> onOpen = sink -> start(sink, type, namespace, options, filter, frames, initialState, fromRevision);
        if (webSocket) {
            WebSocketWatchUpgrade.upgrade(request, response, onOpen);
            return;
        }
        response.setStatus(200);
        response.setContentType(format.kind() == OutputFormat.Kind.PROTOBUF ? ProtobufEncoder.WATCH_MEDIA_TYPE
                : "application/json");
        response.flushBuffer();
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        onOpen.accept(new ServletWatchSink(async, response.getOutputStream()));
    }

    /** Everything after the response is open, the same over HTTP and WebSocket. */
    private void start(WatchSink sink, ResourceType type, String namespace, ListOptions options, WatchFilter filter,
            FormattedWatchFrames frames, ObjectReader.ListResult initial, long fromRevision) {
        WatchStream stream = new WatchStream(sink, filter, frames, writers, properties.getMaxPendingEvents(), fromRevision);
        if (initial != null) {
            for (StoredObject object : initial.items()) {
                stream.initial(ChangeEvent.Type.ADDED, object.object());
            }
            if (options.sendInitialEvents() && options.allowBookmarks()) {
                stream.initialEventsEnd(fromRevision);
            }
        }
        // Custom kinds: every version's changes come filed under one type and are converted to the one asked for.
        ResourceType source = custom.watchSource(type);
        ChangeListener listener = custom.watchListener(type, stream);
        try {
            WatchHub.Subscription subscription = hub.subscribe(source, fromRevision, listener);
            stream.onClose(subscription::close);
        } catch (ApiException e) {
            if (e.code() != 410) {
                stream.onClosed(e);
                return;
            }
            HistoryWatch history = HistoryWatch.start(storage, decoder, source, namespace, fromRevision, listener);
            stream.onClose(history::close);
        }
        stream.schedule(timer, properties.getBookmarkInterval().toMillis(), timeoutMillis(options), options.allowBookmarks());
    }

    private long timeoutMillis(ListOptions options) {
        if (options.timeoutSeconds() != null && options.timeoutSeconds() > 0) {
            return options.timeoutSeconds() * 1000;
        }
        long base = properties.getDefaultTimeout().toMillis();
        // Spread the ends of default-length watches so clients do not all come back at once.
        return base + ThreadLocalRandom.current().nextLong(Math.max(1, base));
    }

    @Override
    public void close() {
        writers.shutdownNow();
        timer.shutdownNow();
    }
}
