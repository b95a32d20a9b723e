package dev.keel.bench.scheduler;

import dev.keel.bench.ControlPlane;
import java.util.List;
import java.util.Locale;

/**
 * CPU milliseconds per bound pod spent by each process of a run over a measured window, from /proc: where the cost
 * of one pod goes on a machine where all of them share the cores.
 */
record CpuPerPod(double scheduler, double api, double etcd, double client) {

    /** CPU seconds so far of the scheduler, platform-api, etcd and this client, in that order. */
    static double[] sample(SchedulerProcess scheduler, ControlPlane plane) {
        long[] pids = plane.pids();
        return new double[] {ControlPlane.cpuSeconds(scheduler.pid()), ControlPlane.cpuSeconds(pids[0]),
                ControlPlane.cpuSeconds(pids[1]), ControlPlane.cpuSeconds(ProcessHandle.current().pid())};
    }

    static CpuPerPod between(double[] before, double[] after, int pods) {
        double[] ms = new double[4];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = pods == 0 ? Double.NaN : (after[i] - before[i]) * 1000 / pods;
        }
        return new CpuPerPod(ms[0], ms[1], ms[2], ms[3]);
    }

    static CpuPerPod median(List<CpuPerPod> runs) {
        return new CpuPerPod(CaseResult.median(runs, CpuPerPod::scheduler), CaseResult.median(runs, CpuPerPod::api),
                CaseResult.median(runs, CpuPerPod::etcd), CaseResult.median(runs, CpuPerPod::client));
    }

    double total() {
        return scheduler + api + etcd + client;
    }

    String cells() {
        return String.format(Locale.ROOT, "%.1f | %.1f | %.1f | %.1f | %.1f", scheduler, api, etcd, client, total());
    }
}
