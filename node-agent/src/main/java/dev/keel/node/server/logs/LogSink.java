package dev.keel.node.server.logs;

import java.io.IOException;

/** Where a log stream goes: the HTTP response in the server, a buffer in tests. */
public interface LogSink {

    /** Writes bytes; an IOException means the client went away. */
    void write(byte[] bytes) throws IOException;

    /** Pushes what was written to the client (after each batch of lines when following). */
    void flush() throws IOException;
}
