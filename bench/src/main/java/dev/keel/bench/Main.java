package dev.keel.bench;

import java.util.Arrays;

/**
 * {@code ./bench/run api [options]}: the platform-api benchmark. Prints its table on stdout, progress on stderr.
 * This is a benchmark, not a test: it is never run by the test suite.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("proxy")) {
            System.exit(dev.keel.bench.proxy.ProxyBenchmark.run(Arrays.asList(args).subList(1, args.length)));
        }
        if (args.length > 0 && args[0].equals("scheduler")) {
            System.exit(dev.keel.bench.scheduler.SchedulerBenchmark.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("api-memory")) {
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
            System.exit(ApiMemoryBenchmark.run(Arrays.asList(args).subList(1, args.length)));
        }
        if (args.length > 0 && args[0].equals("webhook")) {
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
            System.exit(WebhookLatencyBenchmark.run(Arrays.asList(args).subList(1, args.length)));
        }
        if (args.length > 0 && args[0].equals("podstartup")) {
            System.exit(dev.keel.bench.podstartup.PodStartupBenchmark.run(Arrays.asList(args).subList(1, args.length)));
        }
        if (args.length == 0 || !args[0].equals("api")) {
            System.err.println("usage: ./bench/run api [--quick] [--option value ...]\n" + Options.usage());
            System.exit(2);
        }
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(Options.usage());
            return;
        }
        // grpc logs through java.util.logging; keep its INFO lines out of the output.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Options options;
        try {
            options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new ApiBenchmark(options).run());
    }
}
