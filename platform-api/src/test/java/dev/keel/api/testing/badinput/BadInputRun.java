package dev.keel.api.testing.badinput;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends generated malformed requests to an API server on loopback, inside a namespace it creates (and deletes at
 * the end), and reports every answer that differs from kube-apiserver's: 5xx, no answer, accepted although
 * Kubernetes rejects, rejected yet stored, nulls stored, wrong codes, missing warnings.
 *
 * <pre>{@code
 * BadInputReport report = BadInputRun.against(URI.create("https://127.0.0.1:6443"),
 *         Credentials.platformDir(Path.of(".platform"))).seed(7).count(3000).run();
 * assertThat(report.problems()).isEmpty();
 * }</pre>
 */
public final class BadInputRun {

    private static final Logger log = LoggerFactory.getLogger(BadInputRun.class);

    private final URI base;
    private final Credentials credentials;
    private long seed = 1;
    private int count = 1000;
    private Duration deadline = Duration.ofMinutes(10);
    private Duration requestTimeout = Duration.ofSeconds(15);
    private boolean keepNamespace;
    private int lanes = 1;

    private BadInputRun(URI base, Credentials credentials) {
        this.base = base;
        this.credentials = credentials;
    }

    /** A run against {@code baseUri} (https, a loopback address only) with {@code credentials}. */
    public static BadInputRun against(URI baseUri, Credentials credentials) {
        requireLoopback(baseUri);
        return new BadInputRun(baseUri, Objects.requireNonNull(credentials, "credentials"));
    }

    public BadInputRun seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How many generated requests to send (at most). */
    public BadInputRun count(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        this.count = count;
        return this;
    }

    /** Stops sending once this much time has passed; the report says how many were sent. */
    public BadInputRun deadline(Duration deadline) {
        this.deadline = deadline;
        return this;
    }

    public BadInputRun requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /** Leaves the run's namespace (and what was stored in it) for inspection. */
    public BadInputRun keepNamespace() {
        this.keepNamespace = true;
        return this;
    }

    /**
     * How many requests are in flight at once. Requests about one kind always go to the same lane, in generated
     * order, so each kind's fixture sees one writer and the run stays reproducible.
     */
    public BadInputRun parallelism(int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + lanes);
        }
        this.lanes = lanes;
        return this;
    }

    public BadInputReport run() {
        List<BadRequest> requests = new BadInputGenerator(seed).generate(count);
        HttpSender sender = new HttpSender(base, credentials, requestTimeout);
        String namespace = "badinput-" + Long.toHexString(seed & 0xffff) + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        List<List<BadRequest>> byLane = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            byLane.add(new ArrayList<>());
        }
        List<String> kinds = BadInputGenerator.kinds().stream().map(KindTemplate::kind).toList();
        for (BadRequest request : requests) {
            int lane = request.kind() == null ? request.index() % lanes : kinds.indexOf(request.kind()) % lanes;
            byLane.get(lane).add(request);
        }
        Instant start = Instant.now();
        Execution setup = new Execution(sender, namespace);
        setup.createNamespace();
        List<Execution> executions = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        try {
            for (List<BadRequest> lane : byLane) {
                Execution execution = new Execution(sender, namespace);
                executions.add(execution);
                Thread thread = new Thread(() -> {
                    for (BadRequest request : lane) {
                        if (Duration.between(start, Instant.now()).compareTo(deadline) > 0) {
                            log.warn("bad-input run {}: deadline {} passed", namespace, deadline);
                            return;
                        }
                        execution.execute(request);
                        sent.incrementAndGet();
                    }
                }, "bad-input-" + namespace + "-" + threads.size());
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.forEach(Thread::interrupt);
        } finally {
            if (!keepNamespace) {
                executions.forEach(Execution::cleanUpClusterScoped);
                setup.cleanUp();
            }
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Execution execution : executions) {
            execution.statuses.forEach((code, n) -> statuses.merge(code, n, Integer::sum));
            problems.addAll(execution.problems);
        }
        problems.sort(java.util.Comparator.comparingInt(Problem::index));
        BadInputReport report = new BadInputReport(seed, sent.get(), Duration.between(start, Instant.now()), statuses, problems);
        log.info("{}", report.summary(20));
        return report;
    }

    /**
     * Runs from a shell against a running cluster: {@code BadInputRun <baseUri> <platformDir> [seed] [count]
     * [parallelism]}, e.g. {@code https://127.0.0.1:6443 .platform 13 3000 3}. Prints the report; exits 1 when it
     * lists problems.
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: BadInputRun <baseUri> <platformDir> [seed] [count] [parallelism]");
            System.exit(2);
        }
        BadInputReport report = against(URI.create(args[0]), Credentials.platformDir(java.nio.file.Path.of(args[1])))
                .seed(args.length > 2 ? Long.parseLong(args[2]) : 1)
                .count(args.length > 3 ? Integer.parseInt(args[3]) : 1000)
                .parallelism(args.length > 4 ? Integer.parseInt(args[4]) : 1)
                .run();
        System.out.println(report.summary(Integer.MAX_VALUE));
        System.exit(report.clean() ? 0 : 1);
    }

    private static void requireLoopback(URI uri) {
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("an https URI with a host is required: " + uri);
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("bad-input runs go to loopback only, not " + uri);
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in " + uri, e);
        }
    }

    /** The state of one run: its namespace, fixtures, tallies and problems. */
    private static final class Execution {

        private final HttpSender sender;
        private final String namespace;
        private final Map<String, String> fixtureNames = new HashMap<>();
        private final Map<String, Integer> fixtureGenerations = new HashMap<>();
        private final Map<String, JsonNode> fixtureStates = new HashMap<>();
        /** The object the last successful {@link #create} stored. */
        private JsonNode createdObject;
        /** Kinds whose valid template was refused: reported once, their fixture requests skipped. */
        private final java.util.Set<String> brokenKinds = new java.util.HashSet<>();
        private final List<String> clusterScopedCreated = new ArrayList<>();
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        private final List<Problem> problems = new ArrayList<>();
        private final Map<String, KindTemplate> kinds = new HashMap<>();

        Execution(HttpSender sender, String namespace) {
            this.sender = sender;
            this.namespace = namespace;
            BadInputGenerator.kinds().forEach(kind -> kinds.put(kind.kind(), kind));
        }

        void createNamespace() {
            Answer answer = sender.send("POST", "/api/v1/namespaces", "application/json", List.of(),
                    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + namespace + "\"}}", false);
            if (answer.status() != 201) {
                throw new IllegalStateException("could not create namespace " + namespace + ": " + answer.status() + " "
                        + (answer.answered() ? answer.body() : answer.failure()));
            }
        }

        void cleanUpClusterScoped() {
            for (String name : clusterScopedCreated) {
                sender.send("DELETE", "/api/v1/namespaces/" + name, null, List.of(), null, false);
            }
        }

        void cleanUp() {
            cleanUpClusterScoped();
            Answer answer = sender.send("DELETE", "/api/v1/namespaces/" + namespace, null, List.of(), null, false);
            if (!answer.accepted()) {
                log.warn("could not delete namespace {}: {} {}", namespace, answer.status(), answer.answered() ? answer.body()
                        : answer.failure());
            }
        }

        void execute(BadRequest request) {
            KindTemplate kind = request.kind() == null ? null : kinds.get(request.kind());
            String name = null;
            JsonNode before = null;
            switch (request.target()) {
                case FIXTURE -> {
                    name = fixture(kind, request);
                    if (name == null) {
                        return;
                    }
                    // What the previous request left (the runner is the only writer of its fixtures' user content).
                    before = fixtureStates.containsKey(kind.kind() + "/" + name) ? fixtureStates.get(kind.kind() + "/" + name)
                            : read(kind, name);
                }
                case VICTIM -> {
                    name = resolve(kind, "v" + request.index());
                    before = create(kind, name, request) ? createdObject : null;
                    if (before == null) {
                        return;
                    }
                }
                case NEW -> name = resolve(kind, request.objectName());
                default -> {
                }
            }
            Answer answer = send(request, name);
            tally(answer);
            String described = request.describe();
            Expectation expected = request.expectation();
            if (!answer.answered()) {
                problems.add(new Problem(Problem.Category.NO_ANSWER, described, 0, answer.failure()));
                return;
            }
            checkStatus(request, answer, described);
            if (kind == null || name == null) {
                return;
            }
            JsonNode after = read(kind, name);
            if (request.target() == Target.FIXTURE) {
                fixtureStates.put(kind.kind() + "/" + name, after);
            }
            checkStorage(request, answer, name, before, after, described);
            if (request.target() == Target.NEW && after != null && !kind.namespaced()) {
                clusterScopedCreated.add(name);
            }
            if (request.target() == Target.FIXTURE && (after == null || after.path("metadata").has("deletionTimestamp"))) {
                // The fixture is gone (or going): the next request of this kind gets a new one.
                fixtureNames.remove(kind.kind());
            }
        }

        private Answer send(BadRequest request, String name) {
            String path = fill(request.path(), name);
            if (request.raw()) {
                return sender.sendRaw(request.method(), path, request.headers(), request.anonymous());
            }
            String body = request.body() == null ? null : fill(request.body(), name);
            return sender.send(request.method(), path, request.contentType(), request.headers(), body, request.anonymous());
        }

        private String fill(String text, String name) {
            String filled = text.replace(BadRequest.NAMESPACE, namespace);
            return name == null ? filled : filled.replace(BadRequest.NAME, name);
        }

        private void tally(Answer answer) {
            statuses.merge(answer.status(), 1, Integer::sum);
        }

        private void checkStatus(BadRequest request, Answer answer, String described) {
            Expectation expected = request.expectation();
            int status = answer.status();
            if (status >= 500) {
                problems.add(new Problem(Problem.Category.SERVER_ERROR, described, status, excerpt(answer)));
                return;
            }
            if (!expected.allows(status)) {
                Problem.Category category = answer.accepted() && !expected.mayBeAccepted() ? Problem.Category.ACCEPTED_INVALID
                        : !answer.accepted() && expected.mayBeAccepted() && expected.statuses().stream().allMatch(code -> code < 400)
                                ? Problem.Category.REJECTED_VALID : Problem.Category.WRONG_STATUS;
                problems.add(new Problem(category, described, status, excerpt(answer)));
                return;
            }
            if (status >= 400 && !request.raw()) {
                JsonNode body = parse(answer.body());
                if (body == null || !"Status".equals(body.path("kind").asText()) || body.path("code").asInt() != status) {
                    problems.add(new Problem(Problem.Category.BAD_STATUS_BODY, described, status,
                            "not a Status with code " + status + ": " + excerpt(answer)));
                } else if (expected.messagePart() != null && !body.path("message").asText().contains(expected.messagePart())) {
                    problems.add(new Problem(Problem.Category.BAD_STATUS_BODY, described, status,
                            "message does not name '" + expected.messagePart() + "': " + body.path("message").asText()));
                }
            }
            String warning = answer.header("Warning");
            if (Boolean.TRUE.equals(expected.warning())) {
                if (warning == null) {
                    problems.add(new Problem(Problem.Category.WARNING, described, status, "no Warning header"));
                } else if (expected.messagePart() != null && !warning.contains(expected.messagePart().replace("\"", "\\\""))
                        && !warning.contains(expected.messagePart())) {
                    problems.add(new Problem(Problem.Category.WARNING, described, status,
                            "Warning does not name '" + expected.messagePart() + "': " + warning));
                } else if (!warning.startsWith("299 ")) {
                    problems.add(new Problem(Problem.Category.WARNING, described, status, "not a 299 warning: " + warning));
                }
            } else if (Boolean.FALSE.equals(expected.warning()) && warning != null) {
                problems.add(new Problem(Problem.Category.WARNING, described, status, "unexpected Warning: " + warning));
            }
        }

        private void checkStorage(BadRequest request, Answer answer, String name, JsonNode before, JsonNode after,
                String described) {
            Expectation expected = request.expectation();
            int status = answer.status();
            if (!answer.accepted() || expected.storesNothing()) {
                boolean changed = request.target() == Target.NEW ? after != null
                        : !Objects.equals(userContent(before), userContent(after));
                if (changed) {
                    problems.add(new Problem(answer.accepted() ? Problem.Category.FIELD_CHANGED : Problem.Category.REJECTED_BUT_STORED,
                            described, status, request.target() == Target.NEW ? "the object was stored: " + excerpt(after)
                                    : "stored object changed: before " + excerpt(userContent(before)) + " after "
                                            + excerpt(userContent(after))));
                }
                return;
            }
            if (after != null) {
                expected.ignoredValues().forEach((pointer, sent) -> {
                    if (after.at(pointer).toString().equals(sent)) {
                        problems.add(new Problem(Problem.Category.FIELD_CHANGED, described, status,
                                pointer + " stored as sent (" + sent + "), where Kubernetes ignores it"));
                    }
                });
                expected.storedValues().forEach((pointer, text) -> {
                    String wanted = text.replace(BadRequest.NAME, name);
                    if (!after.at(pointer).asText("").equals(wanted) || !after.at(pointer).isTextual()) {
                        problems.add(new Problem(Problem.Category.FIELD_CHANGED, described, status,
                                pointer + " is " + after.at(pointer) + ", Kubernetes keeps \"" + wanted + "\""));
                    }
                });
            }
            if (after != null) {
                String nullAt = firstNull(after, "");
                if (nullAt != null) {
                    problems.add(new Problem(Problem.Category.STORED_NULL, described, status, "null stored at " + nullAt));
                }
            }
        }

        /** The current fixture of a kind, created on first use (and again after it was deleted). */
        private String fixture(KindTemplate kind, BadRequest request) {
            String existing = fixtureNames.get(kind.kind());
            if (existing != null || brokenKinds.contains(kind.kind())) {
                return existing;
            }
            int generation = fixtureGenerations.merge(kind.kind(), 1, Integer::sum);
            // One name per kind: an Endpoints named as a Service would be the endpoints controller's to rewrite.
            String name = resolve(kind, BadInputGenerator.fixtureName() + "-" + kind.plural() + generation);
            if (!create(kind, name, request)) {
                return null;
            }
            if (!kind.namespaced()) {
                clusterScopedCreated.add(name);
            }
            fixtureNames.put(kind.kind(), name);
            return name;
        }

        private boolean create(KindTemplate kind, String name, BadRequest request) {
            if (brokenKinds.contains(kind.kind())) {
                return false;
            }
            ObjectNode object = kind.object(name);
            String body = fill(object.toString(), name);
            Answer answer = sender.send("POST", fill(kind.collectionPath(), name), "application/json", List.of(), body, false);
            if (answer.status() != 201) {
                brokenKinds.add(kind.kind());
                problems.add(new Problem(Problem.Category.SETUP, request.describe(), answer.status(),
                        "could not create " + kind.kind() + " " + name + " from the valid template: "
                                + (answer.answered() ? excerpt(answer) : answer.failure())));
                return false;
            }
            createdObject = parse(answer.body());
            return true;
        }

        /** Cluster-scoped objects get names inside the run's namespace name, so runs never collide. */
        private String resolve(KindTemplate kind, String name) {
            return kind.namespaced() ? name : namespace + "-" + name;
        }

        private JsonNode read(KindTemplate kind, String name) {
            Answer answer = sender.send("GET", fill(kind.objectPath(name), name), null, List.of(), null, false);
            if (answer.status() == 404) {
                return null;
            }
            if (answer.status() != 200) {
                log.warn("bad-input run {}: reading {} {} answered {} {}", namespace, kind.kind(), name, answer.status(),
                        answer.answered() ? BadRequest.excerpt(answer.body(), 300) : answer.failure());
                return null;
            }
            return parse(answer.body());
        }

        /** What a user wrote: the object without status and the fields the server and controllers maintain. */
        private static JsonNode userContent(JsonNode object) {
            if (object == null) {
                return null;
            }
            ObjectNode copy = object.deepCopy();
            copy.remove("status");
            if (copy.path("metadata") instanceof ObjectNode metadata) {
                metadata.remove(List.of("resourceVersion", "managedFields"));
                if (metadata.path("annotations") instanceof ObjectNode annotations) {
                    annotations.remove("deployment.kubernetes.io/revision");
                    if (annotations.isEmpty()) {
                        metadata.remove("annotations");
                    }
                }
            }
            return copy;
        }

        private static String firstNull(JsonNode node, String pointer) {
            if (node.isNull()) {
                return pointer.isEmpty() ? "/" : pointer;
            }
            if (node.isObject()) {
                for (var fields = node.fields(); fields.hasNext(); ) {
                    var field = fields.next();
                    String found = firstNull(field.getValue(), pointer + "/" + field.getKey());
                    if (found != null) {
                        return found;
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String found = firstNull(node.get(i), pointer + "/" + i);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }

        private static JsonNode parse(String body) {
            try {
                return body == null || body.isBlank() ? null : JsonTrees.JSON.readTree(body);
            } catch (java.io.IOException e) {
                return null;
            }
        }

        private static String excerpt(Answer answer) {
            return BadRequest.excerpt(answer.body(), 300);
        }

        private static String excerpt(JsonNode node) {
            return node == null ? "(absent)" : BadRequest.excerpt(node.toString(), 300);
        }
    }
}
