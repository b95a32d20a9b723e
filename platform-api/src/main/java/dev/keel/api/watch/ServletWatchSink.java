package dev.keel.api.watch;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A watch as a chunked HTTP response: newline-separated events on an asynchronous servlet response. */
public final class ServletWatchSink implements WatchSink {

    private static final Logger log = LoggerFactory.getLogger(ServletWatchSink.class);

    private final AsyncContext async;
    private final OutputStream out;

    public ServletWatchSink(AsyncContext async, OutputStream out) {
        this.async = async;
        this.out = out;
    }

    @Override
    public void onDisconnect(Runnable action) {
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                action.run();
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                action.run();
            }

            @Override
            public void onError(AsyncEvent event) {
                action.run();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
    }

    @Override
    public void send(byte[] event) throws IOException {
        out.write(event);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // Already completed by the container (client gone or timeout).
            log.trace("async context already complete", e);
        }
    }
}
