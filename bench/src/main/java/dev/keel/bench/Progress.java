package dev.keel.bench;

import java.util.Locale;

/** Progress lines go to stderr so that stdout carries only the result table. */
final class Progress {

    private static final long START = System.nanoTime();

    private Progress() {
    }

    static void log(String format, Object... args) {
        double seconds = (System.nanoTime() - START) / 1e9;
        System.err.printf(Locale.ROOT, "[bench %6.1fs] %s%n", seconds, String.format(Locale.ROOT, format, args));
    }
}
