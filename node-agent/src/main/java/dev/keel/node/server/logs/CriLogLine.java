package dev.keel.node.server.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One line of a CRI container log file: {@code <RFC3339Nano time> <stdout|stderr> <P|F> <text>}. {@code P} marks a
 * partial line (the runtime split a long line; the text has no newline of its own), {@code F} a full one.
 *
 * @param time    when the runtime wrote the line
 * @param rawTime the time as written, used for {@code timestamps=true}
 * @param stream  stdout or stderr
 * @param partial whether the line continues in the next one
 * @param text    the text, without the trailing newline
 */
public record CriLogLine(Instant time, String rawTime, String stream, boolean partial, String text) {

    /** Parses one line (without its newline); a malformed line is an {@link IllegalArgumentException}. */
    public static CriLogLine parse(String line) {
        int afterTime = line.indexOf(' ');
        int afterStream = afterTime < 0 ? -1 : line.indexOf(' ', afterTime + 1);
        if (afterStream < 0) {
            throw new IllegalArgumentException("not a CRI log line (time and stream expected): " + abbreviate(line));
        }
        String rawTime = line.substring(0, afterTime);
        Instant time;
        try {
            time = Instant.parse(rawTime);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a CRI log line (bad time " + rawTime + "): " + abbreviate(line), e);
        }
        String stream = line.substring(afterTime + 1, afterStream);
        if (!stream.equals("stdout") && !stream.equals("stderr")) {
            throw new IllegalArgumentException("not a CRI log line (stream " + stream + "): " + abbreviate(line));
        }
        String rest = line.substring(afterStream + 1);
        // The tag field is P or F; containerd before 1.2 wrote no tag, so a missing one means a full line.
        if (rest.startsWith("P ") || rest.equals("P")) {
            return new CriLogLine(time, rawTime, stream, true, rest.length() > 1 ? rest.substring(2) : "");
        }
        if (rest.startsWith("F ") || rest.equals("F")) {
            return new CriLogLine(time, rawTime, stream, false, rest.length() > 1 ? rest.substring(2) : "");
        }
        return new CriLogLine(time, rawTime, stream, false, rest);
    }

    /** What {@code kubectl logs} prints for this line: the text, its newline when full, the time first if asked. */
    public byte[] render(boolean timestamps) {
        String out = (timestamps ? rawTime + " " : "") + text + (partial ? "" : "\n");
        return out.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
