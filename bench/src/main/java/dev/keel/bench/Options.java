package dev.keel.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command line of {@code ./bench/run api [--option value ...]}; every default keeps a run under ~5 minutes. */
final class Options {

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("repo", ".");
        DEFAULTS.put("rounds", "3");
        DEFAULTS.put("round-seconds", "1.5");
        DEFAULTS.put("warmup-seconds", "0.3");
        DEFAULTS.put("warmup-max-seconds", "75");
        DEFAULTS.put("concurrency", "1,16,64");
        DEFAULTS.put("list-size", "1000");
        DEFAULTS.put("get-objects", "100");
        DEFAULTS.put("payload-chars", "760");
        DEFAULTS.put("fanout-watchers", "1000");
        DEFAULTS.put("fanout-writes", "200");
        DEFAULTS.put("fanout-rate", "20");
        DEFAULTS.put("fanout-clients", "2");
        DEFAULTS.put("etcd", "/usr/bin/etcd");
        DEFAULTS.put("etcd-fsync", "false");
        DEFAULTS.put("api-jvm-options", "");
        DEFAULTS.put("max-minutes", "8");
        DEFAULTS.put("max-ops-per-round", "1000000");
        DEFAULTS.put("keep-temp", "false");
    }

    /** Smaller everything: checks that the benchmark works, in about a minute; its numbers mean little. */
    private static final Map<String, String> QUICK = Map.of(
            "rounds", "1", "round-seconds", "0.5", "warmup-seconds", "0.2", "warmup-max-seconds", "10",
            "fanout-watchers", "100", "fanout-writes", "50");

    private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    private final List<String> given = new ArrayList<>();

    static Options parse(String[] args) {
        Options options = new Options();
        List<String> list = Arrays.asList(args);
        if (list.contains("--quick")) {
            options.values.putAll(QUICK);
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--quick")) {
                options.given.add(arg);
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + "\n" + usage());
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value\n" + usage());
            }
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown option --" + key + "\n" + usage());
            }
            options.values.put(key, value);
            if (!key.equals("repo")) {
                options.given.add("--" + key + " " + value);
            }
        }
        return options;
    }

    static String usage() {
        StringBuilder text = new StringBuilder("usage: ./bench/run api [--quick] [--option value ...]; options and defaults:\n");
        DEFAULTS.forEach((key, value) -> text.append("  --").append(key).append(' ').append(value).append('\n'));
        return text.toString();
    }

    /** The options given on the command line, for the report. */
    String given() {
        return String.join(" ", given);
    }

    Path repo() {
        return Path.of(values.get("repo")).toAbsolutePath().normalize();
    }

    int rounds() {
        return positive("rounds");
    }

    long roundNanos() {
        return seconds("round-seconds");
    }

    long warmupNanos() {
        return seconds("warmup-seconds");
    }

    double warmupMaxSeconds() {
        return Double.parseDouble(values.get("warmup-max-seconds"));
    }

    double roundSeconds() {
        return Double.parseDouble(values.get("round-seconds"));
    }

    double warmupSeconds() {
        return Double.parseDouble(values.get("warmup-seconds"));
    }

    int[] concurrency() {
        return Arrays.stream(values.get("concurrency").split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    int listSize() {
        return positive("list-size");
    }

    int getObjects() {
        return positive("get-objects");
    }

    int payloadChars() {
        return positive("payload-chars");
    }

    int fanoutWatchers() {
        return Integer.parseInt(values.get("fanout-watchers"));
    }

    int fanoutWrites() {
        return positive("fanout-writes");
    }

    double fanoutRate() {
        return Double.parseDouble(values.get("fanout-rate"));
    }

    int fanoutClients() {
        return positive("fanout-clients");
    }

    String etcdBinary() {
        return values.get("etcd");
    }

    boolean etcdFsync() {
        return Boolean.parseBoolean(values.get("etcd-fsync"));
    }

    List<String> apiJvmOptions() {
        String text = values.get("api-jvm-options").trim();
        return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
    }

    double maxMinutes() {
        return Double.parseDouble(values.get("max-minutes"));
    }

    long maxOpsPerRound() {
        return Long.parseLong(values.get("max-ops-per-round"));
    }

    boolean keepTemp() {
        return Boolean.parseBoolean(values.get("keep-temp"));
    }

    private int positive(String key) {
        int value = Integer.parseInt(values.get(key));
        if (value <= 0) {
            throw new IllegalArgumentException("--" + key + " must be positive");
        }
        return value;
    }

    private long seconds(String key) {
        double seconds = Double.parseDouble(values.get(key));
        if (seconds <= 0 || seconds > 60) {
            throw new IllegalArgumentException("--" + key + " must be within (0, 60]");
        }
        return (long) (seconds * 1e9);
    }
}
