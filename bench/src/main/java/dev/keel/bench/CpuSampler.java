package dev.keel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the three processes of a run (this client, platform-api, etcd) from {@code /proc/<pid>/stat}, so
 * that each measurement can say how many cores each side used and whether the client was the one saturated.
 */
final class CpuSampler {

    /** In table order: this client, platform-api, etcd, and everything else on the machine. */
    static final String[] NAMES = {"client", "api", "etcd", "others"};
    static final int OTHERS = 3;

    private static final double CLOCK_TICKS = clockTicks();

    private final long[] pids;
    private final double ticksPerSecond;

    CpuSampler(long clientPid, long apiPid, long etcdPid) {
        this.pids = new long[] {clientPid, apiPid, etcdPid};
        this.ticksPerSecond = CLOCK_TICKS;
    }

    Sample sample() {
        long[] ticks = new long[pids.length + 1];
        for (int i = 0; i < pids.length; i++) {
            ticks[i] = ticks(pids[i]);
        }
        ticks[OTHERS] = machineBusyTicks();
        return new Sample(Nanos.now(), ticks);
    }

    /**
     * Cores used between two samples (1.0 = one core busy the whole time) by the client, platform-api, etcd,
     * and all other work on the machine (busy time from /proc/stat less the three).
     */
    double[] coresBetween(Sample from, Sample to) {
        double seconds = Math.max(1e-9, (to.nanos - from.nanos) / 1e9);
        double[] cores = new double[NAMES.length];
        double ours = 0;
        for (int i = 0; i < cores.length; i++) {
            cores[i] = from.ticks[i] < 0 || to.ticks[i] < 0
                    ? Double.NaN
                    : (to.ticks[i] - from.ticks[i]) / ticksPerSecond / seconds;
            if (i != OTHERS) {
                ours += cores[i];
            }
        }
        cores[OTHERS] = Math.max(0, cores[OTHERS] - ours);
        return cores;
    }

    /** Busy time of all CPUs: user, nice, system, irq and softirq from the first line of /proc/stat. */
    private static long machineBusyTicks() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] fields = first.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            return Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3])
                    + Long.parseLong(fields[6]) + Long.parseLong(fields[7]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    record Sample(long nanos, long[] ticks) {
    }

    /** CPU ticks so far of each JIT compiler thread ("C1/C2 CompilerThread") of a JVM, by thread id. */
    static java.util.Map<String, Long> compilerTicks(long pid) {
        java.util.Map<String, Long> ticks = new java.util.HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.contains("CompilerThre")) {
                        ticks.put(task.getFileName().toString(), statTicks(stat));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
        return ticks;
    }

    /**
     * Cores the JIT compiler threads used between two {@link #compilerTicks} samples. Compiler threads come and
     * go; one that started in between counts from zero, one that ended is not counted.
     */
    double compilerCores(java.util.Map<String, Long> before, java.util.Map<String, Long> after, double seconds) {
        long ticks = 0;
        for (var entry : after.entrySet()) {
            ticks += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
        }
        return ticks / ticksPerSecond / Math.max(1e-9, seconds);
    }

    private static long statTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** CPU seconds (user + system) a process used so far; -1 if it is gone. */
    static double cpuSeconds(long pid) {
        long ticks = ticks(pid);
        return ticks < 0 ? -1 : ticks / CLOCK_TICKS;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double clockTicks() {
        try {
            Process process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
