package dev.keel.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.watch.WatchEvent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The platform-api benchmark: its own etcd and platform-api, then create, get, list and watch through the API
 * and straight on etcd, side by side, then watch fan-out; prints the table and writes it to
 * {@code bench/results/api-<timestamp>.md}; stops what it started.
 */
final class ApiBenchmark {

    private static final String JAR = "platform-api/target/platform-api-0.1.0-SNAPSHOT-exec.jar";
    private static final String NS_CREATE = "bench-create";
    private static final String NS_GET = "bench-get";
    private static final String NS_LIST = "bench-list";
    private static final String NS_WATCH = "bench-watch";
    private static final String NS_FANOUT = "bench-fanout";
    /** Keys the etcd side writes: outside /registry, so that the API's own etcd watch never sees them. */
    private static final String RAW_PREFIX = "/rawbench/configmaps/";
    private static final int SETUP_THREADS = 16;

    private final Options options;
    private final ResultTable table = new ResultTable();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private Path runDir;
    private EtcdProcess etcd;
    private ApiProcess api;
    private boolean cleanedUp;
    private boolean failed;
    private String fanoutClient = "";
    private String warmup = "";
    private static final double JIT_QUIET_CORES = 0.15;

    ApiBenchmark(Options options) {
        this.options = options;
    }

    int run() {
        Thread hook = new Thread(this::cleanUp, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        startWatchdog();
        int code;
        try {
            runDir = Files.createTempDirectory("keel-bench-");
            measure();
            code = 0;
        } catch (Exception | AssertionError e) {
            failed = true;
            Progress.log("FAILED: %s", e);
            e.printStackTrace();
            table.note("**The run failed:** " + e);
            if (api != null) {
                System.err.println("--- platform-api log (end) ---\n" + api.logTail(40));
            }
            code = 1;
        }
        table.header(String.format(Locale.ROOT, "whole run: %.0f s (build not included)",
                (System.nanoTime() - startNanos) / 1e9));
        String report = table.render();
        cleanUp();
        System.out.println(report);
        writeReport(report);
        return code;
    }

    private void measure() throws Exception {
        Path repo = options.repo();
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        String when = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        table.title("platform-api benchmark, " + when);

        etcd = EtcdProcess.start(options.etcdBinary(), runDir, options.etcdFsync());
        api = ApiProcess.start(repo.resolve(JAR), runDir, etcd.endpoint(), options.apiJvmOptions());
        Progress.log("waiting for platform-api to answer /readyz");
        long apiStart = System.nanoTime();
        ApiEndpoint endpoint = api.awaitReady(Duration.ofSeconds(180));
        double apiStartSeconds = (System.nanoTime() - apiStart) / 1e9;
        Progress.log("platform-api ready after %.1f s: %s", apiStartSeconds, endpoint.description());

        CpuSampler cpu = new CpuSampler(ProcessHandle.current().pid(), api.pid(), etcd.pid());
        ApiClient client = closing(new ApiClient(endpoint));
        RawEtcd raw = closing(new RawEtcd(etcd.endpoint()));
        ClosedLoop loop = closing(new ClosedLoop(cpu, options.maxOpsPerRound()));
        ConfigMaps maps = new ConfigMaps(options.payloadChars());

        // Setup: namespaces, the objects get and list read.
        for (String namespace : List.of(NS_CREATE, NS_GET, NS_LIST, NS_WATCH, NS_FANOUT)) {
            client.createNamespace(namespace);
        }
        int getCount = options.getObjects();
        int listSize = options.listSize();
        Progress.log("creating %d objects to get and %d to list, through the API", getCount, listSize);
        parallel(getCount, i -> client.create(NS_GET, maps.body(NS_GET, ConfigMaps.name("g", i), i, 1)));
        parallel(listSize, i -> client.create(NS_LIST, maps.body(NS_LIST, ConfigMaps.name("l", i), i, 1)));
        byte[] stored = raw.get(RawEtcd.bytes("/registry/configmaps/" + NS_GET + "/" + ConfigMaps.name("g", 0)))
                .getValue().getBytes();
        ConfigMaps.RawValue rawValue = new ConfigMaps.RawValue(stored);
        int apiListed = client.getJson(ApiClient.collection(NS_LIST)).path("items").size();
        ByteSequence listPrefix = RawEtcd.bytes("/registry/configmaps/" + NS_LIST + "/");
        int rawListed = raw.range(listPrefix);
        if (apiListed != listSize || rawListed != listSize) {
            throw new IllegalStateException("list of " + NS_LIST + ": API " + apiListed + ", etcd " + rawListed
                    + " objects, expected " + listSize);
        }

        List<Workload> workloads = new ArrayList<>();
        workloads.add(createWorkload(loop, client, raw, maps, rawValue));
        workloads.add(getWorkload(loop, client, raw, getCount));
        workloads.add(listWorkload(loop, client, raw, listPrefix, listSize, stored.length));
        workloads.add(watchWorkload(loop, client, endpoint, raw, etcd.endpoint(), maps, rawValue));

        warmUp(workloads, ProcessHandle.current().pid(), api.pid(), cpu);
        describeRun(repo, load, endpoint, apiStartSeconds, stored.length);
        for (Workload workload : workloads) {
            for (int concurrency : options.concurrency()) {
                measureCell(workload, concurrency);
            }
        }
        if (options.fanoutWatchers() > 0) {
            List<WatchFanout.Phase> phases = List.of(
                    new WatchFanout.Phase(String.format(Locale.ROOT, "paced %.0f writes/s", options.fanoutRate()),
                            options.fanoutRate()),
                    new WatchFanout.Phase("burst, 1 writer", 0));
            table.addFanout(apiFanout(client, endpoint, maps, cpu, phases));
            table.addFanout(rawFanout(raw, etcd.endpoint(), rawValue, cpu, phases));
        }
        describeMethod();
    }

    /**
     * Both JVMs (client and platform-api) spend their first minute or so compiling their hot paths, which on 2
     * cores takes a good share of the CPU; measuring before that would rank workloads by their order. The warm-up
     * cycles through every workload at C=16 (API rounds, and half-length etcd rounds) until, over a whole cycle,
     * the JIT compiler threads of the server and of the client each used under {@value #JIT_QUIET_CORES} cores, or
     * until --warmup-max-seconds.
     */
    private void warmUp(List<Workload> workloads, long clientPid, long apiPid, CpuSampler cpu) throws Exception {
        long round = options.roundNanos();
        long start = System.nanoTime();
        long deadline = start + (long) (options.warmupMaxSeconds() * 1e9);
        int cycle = 0;
        double serverJit;
        double clientJit;
        while (true) {
            var serverBefore = CpuSampler.compilerTicks(apiPid);
            var clientBefore = CpuSampler.compilerTicks(clientPid);
            long cycleStart = System.nanoTime();
            List<String> rates = new ArrayList<>();
            for (Workload workload : workloads) {
                rates.add(workload.name() + " " + ResultTable.rate(workload.api().round(16, round).opsPerSecond()));
                workload.etcd().round(16, round / 2);
            }
            cycle++;
            double seconds = (System.nanoTime() - cycleStart) / 1e9;
            serverJit = cpu.compilerCores(serverBefore, CpuSampler.compilerTicks(apiPid), seconds);
            clientJit = cpu.compilerCores(clientBefore, CpuSampler.compilerTicks(clientPid), seconds);
            Progress.log("warm-up cycle %d (API ops/s at C=16: %s); JIT compiler threads: server %.2f, client %.2f "
                    + "cores", cycle, String.join(", ", rates), serverJit, clientJit);
            if (cycle >= 2 && serverJit < JIT_QUIET_CORES && clientJit < JIT_QUIET_CORES) {
                break;
            }
            if (System.nanoTime() > deadline) {
                table.note(String.format(Locale.ROOT, "**The JIT had not settled when the warm-up ended** (server "
                        + "compiler threads %.2f cores, client %.2f over the last cycle): the first rows may still "
                        + "include compilation.", serverJit, clientJit));
                break;
            }
        }
        warmup = String.format(Locale.ROOT, "warm-up %.0f s (%d cycles through every workload at C=16; at the end "
                + "the JIT compiler threads used %.2f cores in the server, %.2f in the client)",
                (System.nanoTime() - start) / 1e9, cycle, serverJit, clientJit);
    }

    private void measureCell(Workload workload, int concurrency) throws Exception {
        Progress.log("%s C=%d", workload.name(), concurrency);
        workload.api().round(concurrency, options.warmupNanos());
        workload.etcd().round(concurrency, options.warmupNanos());
        List<Round> apiRounds = new ArrayList<>();
        List<Round> etcdRounds = new ArrayList<>();
        for (int r = 0; r < options.rounds(); r++) {
            // Alternate which side goes first, so that drift on the shared machine hits both alike.
            if (r % 2 == 0) {
                apiRounds.add(workload.api().round(concurrency, options.roundNanos()));
                etcdRounds.add(workload.etcd().round(concurrency, options.roundNanos()));
            } else {
                etcdRounds.add(workload.etcd().round(concurrency, options.roundNanos()));
                apiRounds.add(workload.api().round(concurrency, options.roundNanos()));
            }
        }
        ResultTable.Row row = new ResultTable.Row(workload.name(), concurrency, Summary.of(apiRounds),
                Summary.of(etcdRounds));
        table.add(row);
        Progress.log("%s C=%d: API %s ops/s p50 %s ms p99 %s ms | etcd %s ops/s p50 %s ms p99 %s ms",
                workload.name(), concurrency,
                ResultTable.rate(row.api().opsPerSecond()), ResultTable.ms(row.api().p50()),
                ResultTable.ms(row.api().p99()), ResultTable.rate(row.etcd().opsPerSecond()),
                ResultTable.ms(row.etcd().p50()), ResultTable.ms(row.etcd().p99()));
    }

    private Workload createWorkload(ClosedLoop loop, ApiClient client, RawEtcd raw, ConfigMaps maps,
            ConfigMaps.RawValue rawValue) {
        AtomicLong apiSeq = new AtomicLong();
        AtomicLong rawSeq = new AtomicLong();
        String rawPrefix = RAW_PREFIX + NS_CREATE + "/";
        return new Workload("create", "API: POST a new ConfigMap (201); etcd: create-if-absent txn of a value of "
                + "the same size",
                Workload.requests(loop, () -> {
                    long seq = apiSeq.getAndIncrement();
                    client.create(NS_CREATE, maps.body(NS_CREATE, ConfigMaps.name("c", seq), seq, Nanos.now()));
                }),
                Workload.requests(loop, () -> {
                    long seq = rawSeq.getAndIncrement();
                    raw.create(RawEtcd.bytes(rawPrefix + ConfigMaps.name("c", seq)), rawValue.with(seq, Nanos.now()));
                }));
    }

    private Workload getWorkload(ClosedLoop loop, ApiClient client, RawEtcd raw, int count) {
        String[] paths = new String[count];
        ByteSequence[] keys = new ByteSequence[count];
        for (int i = 0; i < count; i++) {
            paths[i] = ApiClient.collection(NS_GET) + "/" + ConfigMaps.name("g", i);
            keys[i] = RawEtcd.bytes("/registry/configmaps/" + NS_GET + "/" + ConfigMaps.name("g", i));
        }
        return new Workload("get", "API: GET one of " + count + " ConfigMaps; etcd: get of the same key",
                Workload.requests(loop, () -> client.get(paths[ThreadLocalRandom.current().nextInt(count)])),
                Workload.requests(loop, () -> raw.get(keys[ThreadLocalRandom.current().nextInt(count)])));
    }

    private Workload listWorkload(ClosedLoop loop, ApiClient client, RawEtcd raw, ByteSequence prefix, int size,
            int storedSize) {
        String path = ApiClient.collection(NS_LIST);
        return new Workload("list " + size, "API: GET the whole collection of " + size + " ConfigMaps; "
                + "etcd: one range read of the same " + size + " keys",
                Workload.requests(loop, () -> {
                    byte[] body = client.get(path);
                    if (body.length < (long) size * storedSize) {
                        throw new IllegalStateException("a list of " + body.length + " bytes is too short for " + size
                                + " objects");
                    }
                }),
                Workload.requests(loop, () -> {
                    int keys = raw.range(prefix);
                    if (keys != size) {
                        throw new IllegalStateException("range returned " + keys + " keys, expected " + size);
                    }
                }));
    }

    private Workload watchWorkload(ClosedLoop loop, ApiClient client, ApiEndpoint endpoint, RawEtcd raw,
            String etcdEndpoint, ConfigMaps maps, ConfigMaps.RawValue rawValue) throws Exception {
        WatchLatency apiSide = new WatchLatency(loop, (seq, sent) ->
                client.create(NS_WATCH, maps.body(NS_WATCH, ConfigMaps.name("w", seq), seq, sent)));
        long revision = client.listRevision(NS_WATCH);
        WatchClient watchClient = closing(WatchClient.forEndpoint(endpoint, 1, "watch"));
        WatchClient.Stream connection = watchClient.open(ApiClient.collection(NS_WATCH)
                        + "?watch=true&resourceVersion=" + revision + "&timeoutSeconds=1800",
                (bytes, from, to, arrival) -> apiSide.delivered(ConfigMaps.seq(bytes, from, to),
                        ConfigMaps.sent(bytes, from, to), arrival));
        closing(connection::close);
        int status = connection.headers().get(30, TimeUnit.SECONDS);
        if (status != 200) {
            throw new IllegalStateException("watch answered " + status + ": " + failure(connection));
        }
        connection.ended().thenAccept(apiSide::watchEnded);

        String rawPrefix = RAW_PREFIX + NS_WATCH + "/";
        WatchLatency rawSide = new WatchLatency(loop, (seq, sent) ->
                raw.create(RawEtcd.bytes(rawPrefix + ConfigMaps.name("w", seq)), rawValue.with(seq, sent)));
        // The watcher has its own jetcd client, as the API's watcher has its own connection.
        RawEtcd rawWatchClient = closing(new RawEtcd(etcdEndpoint));
        CountDownLatch created = new CountDownLatch(1);
        Watch.Watcher watcher = rawWatchClient.watch(RawEtcd.bytes(rawPrefix), raw.revision(), response -> {
            long arrival = Nanos.now();
            if (response.isCreatedNotify()) {
                created.countDown();
            }
            for (WatchEvent event : response.getEvents()) {
                byte[] value = event.getKeyValue().getValue().getBytes();
                rawSide.delivered(ConfigMaps.seq(value, 0, value.length), ConfigMaps.sent(value, 0, value.length),
                        arrival);
            }
        }, error -> rawSide.watchEnded(String.valueOf(error)));
        closing(watcher::close);
        if (!created.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the etcd watch was not created within 30 s");
        }
        return new Workload("watch, 1 watcher", "C writers create objects (API: POST; etcd: txn); one watcher of "
                + "the collection; ops/s = events delivered per second; latency = send time stamped in the object "
                + "to arrival at the watcher", apiSide, rawSide);
    }

    private List<WatchFanout.Result> apiFanout(ApiClient client, ApiEndpoint endpoint, ConfigMaps maps,
            CpuSampler cpu, List<WatchFanout.Phase> phases) throws Exception {
        int count = options.fanoutWatchers();
        int clients = options.fanoutClients();
        Progress.log("fan-out through the API: connecting %d watchers", count);
        long revision = client.listRevision(NS_FANOUT);
        String path = ApiClient.collection(NS_FANOUT) + "?watch=true&resourceVersion=" + revision
                + "&timeoutSeconds=600";
        LatencyRecorder latency = new LatencyRecorder();
        WatchFanout.Watcher[] watchers = new WatchFanout.Watcher[count];
        WatchClient.Stream[] connections = new WatchClient.Stream[count];
        List<AutoCloseable> toClose = new ArrayList<>();
        Semaphore connecting = new Semaphore(100);
        long start = System.nanoTime();
        WatchClient watchClient = WatchClient.forEndpoint(endpoint, clients, "fanout");
        fanoutClient = watchClient.description();
        toClose.add(watchClient);
        try {
            for (int i = 0; i < count; i++) {
                WatchFanout.Watcher watcher = watchers[i] = new WatchFanout.Watcher();
                if (!connecting.tryAcquire(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("watch connections stalled");
                }
                WatchClient.Stream connection = connections[i] = watchClient.open(path,
                        (bytes, from, to, arrival) -> watcher.deliver(ConfigMaps.seq(bytes, from, to),
                                ConfigMaps.sent(bytes, from, to), arrival, latency));
                toClose.add(connection::close);
                connection.headers().whenComplete((status, error) -> connecting.release());
                connection.ended().thenAccept(watcher::ended);
            }
            for (WatchClient.Stream connection : connections) {
                int status = connection.headers().get(60, TimeUnit.SECONDS);
                if (status != 200) {
                    throw new IllegalStateException("a fan-out watch answered " + status + ": " + failure(connection));
                }
            }
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            Progress.log("%d API watchers connected in %.1f s", count, connectSeconds);
            table.note(String.format(Locale.ROOT, "fan-out API: %d watch connections (%s) opened in %.1f s",
                    count, endpoint.https() ? "https" : "http", connectSeconds));
            WatchFanout fanout = new WatchFanout("API", watchers, latency, (seq, sent) ->
                    client.create(NS_FANOUT, maps.body(NS_FANOUT, ConfigMaps.name("f", seq), seq, sent)), cpu);
            return fanout.run(phases, options.fanoutWrites());
        } finally {
            closeAll(toClose);
        }
    }

    private List<WatchFanout.Result> rawFanout(RawEtcd raw, String etcdEndpoint, ConfigMaps.RawValue rawValue,
            CpuSampler cpu, List<WatchFanout.Phase> phases) throws Exception {
        int count = options.fanoutWatchers();
        Progress.log("fan-out on etcd: creating %d jetcd watches", count);
        String prefix = RAW_PREFIX + NS_FANOUT + "/";
        LatencyRecorder latency = new LatencyRecorder();
        WatchFanout.Watcher[] watchers = new WatchFanout.Watcher[count];
        List<AutoCloseable> toClose = new ArrayList<>();
        RawEtcd watchClient = new RawEtcd(etcdEndpoint);
        CountDownLatch created = new CountDownLatch(count);
        long revision = raw.revision();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                WatchFanout.Watcher watcher = watchers[i] = new WatchFanout.Watcher();
                Watch.Watcher watch = watchClient.watch(RawEtcd.bytes(prefix), revision, response -> {
                    long arrival = Nanos.now();
                    if (response.isCreatedNotify()) {
                        created.countDown();
                    }
                    for (WatchEvent event : response.getEvents()) {
                        byte[] value = event.getKeyValue().getValue().getBytes();
                        watcher.deliver(ConfigMaps.seq(value, 0, value.length), ConfigMaps.sent(value, 0, value.length),
                                arrival, latency);
                    }
                }, error -> watcher.ended(String.valueOf(error)));
                toClose.add(watch::close);
            }
            if (!created.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(created.getCount() + " etcd watches were not created within 60 s");
            }
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            Progress.log("%d etcd watches created in %.1f s", count, connectSeconds);
            table.note(String.format(Locale.ROOT, "fan-out etcd: %d jetcd watches on one client (one gRPC channel) "
                    + "created in %.1f s", count, connectSeconds));
            WatchFanout fanout = new WatchFanout("etcd", watchers, latency, (seq, sent) ->
                    raw.create(RawEtcd.bytes(prefix + ConfigMaps.name("f", seq)), rawValue.with(seq, sent)), cpu);
            return fanout.run(phases, options.fanoutWrites());
        } finally {
            closeAll(toClose);
            watchClient.close();
        }
    }

    private static String failure(WatchClient.Stream stream) {
        try {
            return stream.ended().get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "(no detail)";
        }
    }

    private void describeRun(Path repo, String load, ApiEndpoint endpoint, double apiStartSeconds, int storedSize) {
        int cores = Runtime.getRuntime().availableProcessors();
        table.header("commit " + git(repo, "rev-parse", "--short", "HEAD")
                + (git(repo, "status", "--porcelain", "--untracked-files=no").isEmpty() ? "" : " (with local changes)"));
        table.header(String.format(Locale.ROOT, "machine: **%d cores** (%s), load average before the run %s. "
                + "**The client (this JVM), platform-api and etcd all run on these %d cores and compete for them**, "
                + "and the machine is shared with other work", cores, cpuModel(), load.split(" ")[0] + " "
                + load.split(" ")[1] + " " + load.split(" ")[2], cores));
        table.header("etcd " + EtcdProcess.version(options.etcdBinary()) + ": this run's own, on 127.0.0.1, data in a "
                + "temporary directory, " + (etcd.fsync() ? "fsync on" : "`--unsafe-no-fsync` (no fsync: disk noise "
                + "stays out of the comparison)"));
        table.header(String.format(Locale.ROOT, "platform-api: this run's own `java -jar %s --server.port=<free> "
                + "--keel.api.etcd.endpoints=<etcd>`%s, ready after %.1f s; reached over %s", JAR,
                options.apiJvmOptions().isEmpty() ? "" : " with JVM options " + options.apiJvmOptions(),
                apiStartSeconds, endpoint.description()));
        table.header("Java " + System.getProperty("java.version") + " for client and server");
        table.header(String.format(Locale.ROOT, "object: a ConfigMap the API stores as %d bytes of JSON at "
                + "`/registry/configmaps/<ns>/<name>`; the etcd side writes copies of exactly those %d bytes under "
                + "`%s<ns>/` (outside /registry, so the API's own etcd watch never sees them) and reads the API's "
                + "own keys for get and list", storedSize, storedSize, RAW_PREFIX));
        table.header(String.format(Locale.ROOT, "method: C = concurrency, C workers each with one request in flight "
                + "(closed loop); %s; then per cell a %.1f s warm-up per side and %d rounds of %.1f s per side, API and "
                + "etcd rounds alternating; the table shows medians of the rounds; latency per request, HdrHistogram",
                warmup, options.warmupSeconds(), options.rounds(), options.roundSeconds()));
        table.header("clients: API requests with the JDK HttpClient (HTTP/1.1, one kept-alive connection per worker, "
                + "bodies read as bytes, not parsed); etcd requests with jetcd 0.8.7 (one client, one gRPC channel)");
        if (!options.given().isEmpty()) {
            table.header("options: " + options.given());
        }
    }

    private void describeMethod() {
        table.note("create: API POST of a new ConfigMap (201) vs etcd create-if-absent txn (what the API's store "
                + "does) of a value of the same size. get: one of " + options.getObjects() + " objects, API GET vs "
                + "etcd get of the same key. list: API GET of the whole collection of " + options.listSize()
                + " objects (no limit) vs one etcd range read of the same keys.");
        table.note("watch, 1 watcher: C writers create objects in a closed loop while one watcher (API: "
                + "`?watch=true&resourceVersion=<rv>` stream; etcd: a jetcd prefix watch on its own client) receives "
                + "them (the API stream is read by the same client as in fan-out); ops/s = events delivered per second; latency = from the send time stamped in the object just "
                + "before the write to the event's arrival (same JVM, same clock); after each round every written "
                + "event must arrive (missing ones are counted).");
        if (options.fanoutWatchers() > 0) {
            table.note(String.format(Locale.ROOT, "fan-out: %d watchers of one collection, then %d writes paced at "
                    + "%.0f/s, then %d more as fast as one writer goes; each write must reach every watcher "
                    + "(missing must be 0); latency as above, over every delivery. API watchers: %d HTTP/1.1 "
                    + "connections, client: %s; each line is scanned as bytes for its seq/sent fields, no JSON "
                    + "parsing, so the client stays cheap (see its cores column). etcd watchers: jetcd watches on "
                    + "one separate client (jetcd decodes every event: its client costs more per event).",
                    options.fanoutWatchers(), options.fanoutWrites(), options.fanoutRate(), options.fanoutWrites(),
                    options.fanoutWatchers(), fanoutClient));
        }
        table.note("CPU: cores busy per process from /proc/<pid>/stat over each round (1.00 = one core all the "
                + "time); others = busy time of the whole machine (/proc/stat) less the three. When the sum nears "
                + "the core count, throughput and latency measure the machine, not just the server; server CPU per "
                + "operation is the steadier figure then.");
    }

    private void parallel(int count, IntTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS, Threads.daemon("setup"));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    task.run(index);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private interface IntTask {
        void run(int index) throws Exception;
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        synchronized (closeables) {
            closeables.add(closeable);
        }
        return closeable;
    }

    private static void closeAll(List<AutoCloseable> list) {
        for (int i = list.size() - 1; i >= 0; i--) {
            try {
                list.get(i).close();
            } catch (Exception e) {
                Progress.log("closing: %s", e);
            }
        }
        list.clear();
    }

    private synchronized void cleanUp() {
        if (cleanedUp) {
            return;
        }
        cleanedUp = true;
        synchronized (closeables) {
            closeAll(closeables);
        }
        if (api != null) {
            api.stop();
        }
        if (etcd != null) {
            etcd.stop();
        }
        if (runDir != null) {
            if (failed || options.keepTemp()) {
                Progress.log("kept %s (logs of etcd and platform-api)", runDir);
            } else {
                deleteTree(runDir);
            }
        }
    }

    private void startWatchdog() {
        long limitMillis = (long) (options.maxMinutes() * 60_000);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limitMillis);
            } catch (InterruptedException e) {
                return;
            }
            Progress.log("the run exceeded --max-minutes %.1f: stopping everything it started", options.maxMinutes());
            failed = true;
            System.exit(3);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void writeReport(String report) {
        try {
            Path dir = Files.createDirectories(options.repo().resolve("bench/results"));
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path file = dir.resolve("api-" + stamp + ".md");
            Files.writeString(file, report, StandardCharsets.UTF_8);
            Progress.log("report written to %s", options.repo().relativize(file));
        } catch (IOException e) {
            Progress.log("could not write the report: %s", e);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            Progress.log("could not remove %s: %s", root, e);
        }
    }

    private static String git(Path repo, String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? out : "?";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
