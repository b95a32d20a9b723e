package dev.keel.bench;

import java.nio.charset.StandardCharsets;

/**
 * The object of every workload: a ConfigMap of about 1 KiB as stored, whose data carries a sequence number
 * ({@code seq}, 10 digits) and the writer's send time ({@code sent}, 19 digits of {@link Nanos#now()}). Both are
 * fixed-width, so the raw etcd baseline can stamp them into a copy of the bytes the API stored, and a watcher can
 * find them in an event without parsing JSON.
 */
final class ConfigMaps {

    static final int SEQ_DIGITS = 10;
    static final int SENT_DIGITS = 19;
    private static final byte[] SEQ_MARKER = "\"seq\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SENT_MARKER = "\"sent\":\"".getBytes(StandardCharsets.US_ASCII);

    private final String payload;

    ConfigMaps(int payloadChars) {
        this.payload = "x".repeat(payloadChars);
    }

    /** The JSON to POST to {@code /api/v1/namespaces/<namespace>/configmaps}. */
    byte[] body(String namespace, String name, long seq, long sentNanos) {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"" + namespace + "\"},\"data\":{\"seq\":\"" + digits(seq, SEQ_DIGITS)
                + "\",\"sent\":\"" + digits(sentNanos, SENT_DIGITS) + "\",\"payload\":\"" + payload + "\"}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static String name(String prefix, long seq) {
        return prefix + "-" + digits(seq, 8);
    }

    /** The {@code seq} in {@code bytes[from, to)}, or -1. */
    static long seq(byte[] bytes, int from, int to) {
        return field(bytes, from, to, SEQ_MARKER, SEQ_DIGITS);
    }

    /** The {@code sent} time in {@code bytes[from, to)}, or -1. */
    static long sent(byte[] bytes, int from, int to) {
        return field(bytes, from, to, SENT_MARKER, SENT_DIGITS);
    }

    private static long field(byte[] bytes, int from, int to, byte[] marker, int digits) {
        int at = indexOf(bytes, from, to, marker);
        if (at < 0 || at + marker.length + digits > to) {
            return -1;
        }
        long value = 0;
        for (int i = at + marker.length, end = i + digits; i < end; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    static int indexOf(byte[] bytes, int from, int to, byte[] marker) {
        byte first = marker[0];
        outer:
        for (int i = from, last = to - marker.length; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            for (int j = 1; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String digits(long value, int width) {
        String text = Long.toString(value);
        if (text.length() > width) {
            throw new IllegalArgumentException(value + " does not fit " + width + " digits");
        }
        return "0".repeat(width - text.length()) + text;
    }

    /**
     * The raw baseline's value: a copy of exactly the bytes the API stored for one object, with {@code seq} and
     * {@code sent} restamped per write.
     */
    static final class RawValue {

        private final byte[] template;
        private final int seqAt;
        private final int sentAt;

        RawValue(byte[] stored) {
            this.template = stored.clone();
            this.seqAt = indexOf(stored, 0, stored.length, SEQ_MARKER) + SEQ_MARKER.length;
            this.sentAt = indexOf(stored, 0, stored.length, SENT_MARKER) + SENT_MARKER.length;
            if (seqAt < SEQ_MARKER.length || sentAt < SENT_MARKER.length) {
                throw new IllegalStateException("the stored object has no seq/sent field: "
                        + new String(stored, StandardCharsets.UTF_8));
            }
        }

        int size() {
            return template.length;
        }

        byte[] with(long seq, long sentNanos) {
            byte[] value = template.clone();
            stamp(value, seqAt, seq, SEQ_DIGITS);
            stamp(value, sentAt, sentNanos, SENT_DIGITS);
            return value;
        }

        private static void stamp(byte[] value, int at, long number, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                value[i] = (byte) ('0' + number % 10);
                number /= 10;
            }
        }
    }
}
