package dev.keel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report: a header describing the run, the API-vs-etcd table, CPU use, watch fan-out, and notes. */
final class ResultTable {

    record Row(String workload, int concurrency, Summary api, Summary etcd) {
    }

    private final List<String> header = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<WatchFanout.Result> fanout = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String title = "platform-api benchmark";

    void title(String text) {
        title = text;
    }

    void header(String line) {
        header.add(line);
    }

    void add(Row row) {
        rows.add(row);
    }

    void addFanout(List<WatchFanout.Result> results) {
        fanout.addAll(results);
    }

    void note(String line) {
        notes.add(line);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append("\n\n");
        header.forEach(line -> out.append("- ").append(line).append('\n'));
        if (!rows.isEmpty()) {
            out.append("\n## API vs etcd (median of rounds; ratio = API / etcd)\n\n");
            out.append("| workload | C | API ops/s | etcd ops/s | ratio | API p50 ms | etcd p50 ms | ratio "
                    + "| API p99 ms | etcd p99 ms | ratio | errors / missing |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (Row row : rows) {
                out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        row.workload(), row.concurrency(),
                        rate(row.api().opsPerSecond()), rate(row.etcd().opsPerSecond()),
                        ratio(row.api().opsPerSecond(), row.etcd().opsPerSecond()),
                        ms(row.api().p50()), ms(row.etcd().p50()), ratio(row.api().p50(), row.etcd().p50()),
                        ms(row.api().p99()), ms(row.etcd().p99()), ratio(row.api().p99(), row.etcd().p99()),
                        problems(row)));
            }
            out.append("\n## CPU (median of rounds; the machine has ").append(Runtime.getRuntime().availableProcessors())
                    .append(" cores, all shared)\n\n");
            out.append("Cores busy during the rounds, per process (others = the rest of the machine), and the server CPU "
                    + "time per operation: platform-api + etcd on the API side, etcd alone on the etcd side.\n\n");
            out.append("| workload | C | API side: client / api / etcd / others | etcd side: client / api / etcd / others "
                    + "| API: server CPU ms/op | etcd: server CPU ms/op | ratio |\n");
            out.append("|---|---:|---|---|---:|---:|---:|\n");
            for (Row row : rows) {
                double apiCost = row.api().cpuMillisPerOp()[1] + row.api().cpuMillisPerOp()[2];
                double etcdCost = row.etcd().cpuMillisPerOp()[2];
                out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n",
                        row.workload(), row.concurrency(), coreList(row.api().cores()), coreList(row.etcd().cores()),
                        ms(apiCost), ms(etcdCost), ratio(apiCost, etcdCost)));
            }
        }
        if (!fanout.isEmpty()) {
            out.append("\n## Watch fan-out (every write to every watcher)\n\n");
            out.append("| side | phase | watchers | writes | deliveries | missing | p50 ms | p99 ms | max ms "
                    + "| writes took s | all delivered after s | deliveries/s | cores client / api / etcd / others |\n");
            out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (WatchFanout.Result r : fanout) {
                out.append(String.format(Locale.ROOT,
                        "| %s | %s | %d | %d | %d | %d | %s | %s | %s | %.2f | %.2f | %s | %s |%n",
                        r.side(), r.phase(), r.watchers(), r.writes(), r.delivered(), r.missing(),
                        ms(LatencyRecorder.millis(r.latency(), 50)), ms(LatencyRecorder.millis(r.latency(), 99)),
                        ms(LatencyRecorder.maxMillis(r.latency())), r.writeSeconds(), r.allDeliveredSeconds(),
                        rate(r.deliveriesPerSecond()), coreList(r.cores())));
            }
            for (WatchFanout.Result r : fanout) {
                if (r.writeErrors() > 0 || r.duplicates() > 0 || r.watchersLost() > 0 || !r.note().isEmpty()) {
                    notes.add(String.format(Locale.ROOT, "fan-out %s %s: %d write errors, %d duplicates, %d watchers lost. %s",
                            r.side(), r.phase(), r.writeErrors(), r.duplicates(), r.watchersLost(), r.note()));
                }
            }
        }
        for (Row row : rows) {
            for (Summary s : List.of(row.api(), row.etcd())) {
                if (s.firstError() != null) {
                    notes.add(String.format(Locale.ROOT, "%s C=%d %s: first error: %s", row.workload(),
                            row.concurrency(), s == row.api() ? "API" : "etcd", s.firstError()));
                }
            }
        }
        if (!notes.isEmpty()) {
            out.append("\n## Notes\n\n");
            notes.forEach(line -> out.append("- ").append(line).append('\n'));
        }
        return out.toString();
    }

    private static String problems(Row row) {
        long api = row.api().errors() + row.api().missing();
        long etcd = row.etcd().errors() + row.etcd().missing();
        if (api == 0 && etcd == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "API %d/%d, etcd %d/%d", row.api().errors(), row.api().missing(),
                row.etcd().errors(), row.etcd().missing());
    }

    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "-";
        }
        return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        if (millis < 1) {
            return String.format(Locale.ROOT, "%.3f", millis);
        }
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.2f", millis);
        }
        if (millis < 100) {
            return String.format(Locale.ROOT, "%.1f", millis);
        }
        return String.format(Locale.ROOT, "%.0f", millis);
    }

    static String ratio(double api, double etcd) {
        if (Double.isNaN(api) || Double.isNaN(etcd) || etcd == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", api / etcd);
    }

    static String coreList(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(text.length() == 0 ? "" : " / ").append(cores(value));
        }
        return text.toString();
    }

    static String cores(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
