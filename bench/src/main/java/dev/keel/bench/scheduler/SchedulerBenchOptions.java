package dev.keel.bench.scheduler;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Options of {@code ./bench/run scheduler}.
 *
 * @param repo  the repository root (where the built jars are)
 * @param scale factor applied to every case's node and pod counts (1 = the sizes of the issue)
 * @param runs  how often each case is run; the table shows the median of each figure
 * @param only  the cases to run, by number from 1; empty runs all
 * @param jfr   where to write flight recordings of the scheduler and platform-api, or null for none
 * @param schedulerOptions further Spring properties for scheduler-service, as {@code name=value}
 */
record SchedulerBenchOptions(Path repo, double scale, int runs, List<Integer> only, Path jfr, List<String> schedulerOptions) {

    static String usage() {
        return """
                ./bench/run scheduler [--scale F] [--runs N] [--quick] [--case K ...]
                  --scale F  multiply every case's nodes and pods by F (default 1: 500/5,000, 5,000/10,000, mixed 1,000/5,000)
                  --runs N   run each case N times and report the median of each figure (default 1)
                  --quick    the same as --scale 0.1: about 10 minutes on a loaded 2-core machine
                  --case K   run only case K (1: 500 nodes, 2: 5,000 nodes, 3: mixed); may be given more than once
                  --set P=V  pass the property to scheduler-service (e.g. --set keel.scheduler.parallelism=1); repeatable
                  --jfr DIR  record the scheduler's and platform-api's CPU profiles (JFR, a sample every 2 ms) into DIR
                """;
    }

    static SchedulerBenchOptions parse(String[] args) {
        Path repo = Path.of(".");
        double scale = 1;
        int runs = 1;
        List<Integer> only = new java.util.ArrayList<>();
        Path jfr = null;
        List<String> schedulerOptions = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repo" -> repo = Path.of(value(args, ++i, "--repo"));
                case "--quick" -> scale = 0.1;
                case "--scale" -> scale = Double.parseDouble(value(args, ++i, "--scale"));
                case "--runs" -> runs = Integer.parseInt(value(args, ++i, "--runs"));
                case "--case" -> only.add(Integer.parseInt(value(args, ++i, "--case")));
                case "--set" -> schedulerOptions.add(value(args, ++i, "--set"));
                case "--jfr" -> jfr = Path.of(value(args, ++i, "--jfr")).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
            }
        }
        if (scale <= 0 || scale > 10 || runs < 1) {
            throw new IllegalArgumentException("--scale must be in (0, 10] and --runs at least 1\n" + usage());
        }
        if (only.stream().anyMatch(k -> k < 1 || k > 3)) {
            throw new IllegalArgumentException("--case is 1, 2 or 3\n" + usage());
        }
        return new SchedulerBenchOptions(repo.toAbsolutePath().normalize(), scale, runs, List.copyOf(only), jfr, List.copyOf(schedulerOptions));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + usage());
        }
        return args[i];
    }

    /** The cases at this scale: the two basic sizes and the mixed one. */
    List<BenchCase> cases() {
        List<BenchCase> all = List.of(new BenchCase("basic", scaled(500), scaled(5_000), false),
                new BenchCase("basic", scaled(5_000), scaled(10_000), false),
                new BenchCase("mixed: spread + (anti-)affinity", scaled(1_000), scaled(5_000), true));
        return only.isEmpty() ? all : only.stream().map(k -> all.get(k - 1)).toList();
    }

    /** JVM options that make a process record a flight recording named after it into {@link #jfr}, if asked. */
    List<String> jfrOptions(String name) {
        return jfr == null ? List.of()
                : List.of("-XX:StartFlightRecording=settings=profile,jdk.ExecutionSample#period=2ms,filename=" + jfr.resolve(name + ".jfr"));
    }

    private int scaled(int count) {
        return Math.max(10, (int) Math.round(count * scale));
    }

    String command() {
        StringBuilder command = new StringBuilder("./bench/run scheduler");
        if (scale != 1) {
            command.append(String.format(Locale.ROOT, " --scale %s", scale));
        }
        if (runs != 1) {
            command.append(" --runs ").append(runs);
        }
        only.forEach(k -> command.append(" --case ").append(k));
        schedulerOptions.forEach(option -> command.append(" --set ").append(option));
        if (jfr != null) {
            command.append(" --jfr ").append(jfr);
        }
        return command.toString();
    }
}
