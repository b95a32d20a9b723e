package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.badinput.BadInputReport;
import dev.keel.api.testing.badinput.BadInputRun;
import dev.keel.api.testing.badinput.Credentials;
import dev.keel.api.testing.badinput.Problem;
import dev.keel.api.testing.badinput.Problem.Category;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Thousands of generated malformed requests (platform-api's {@code dev.keel.api.testing.badinput}) against the live
 * cluster, over loopback, inside a namespace the run creates and deletes; bounded in count and time. The live
 * control plane watches everything the run stores, so this also checks what the in-process runs cannot: afterwards
 * the scheduler and the controllers still converge new objects, UP, the same processes as before. How each answer
 * compares to kube-apiserver's (codes, messages, warnings) is platform-api's {@code BadInputRunTest}'s to assert;
 * here only 5xx and lost answers, and storage Kubernetes would not have allowed, fail.
 */
@LocalClusterTest
@Order(LocalClusterTest.HOSTILE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputEndToEndTest {

    private static final int REQUESTS = Integer.getInteger("keel.e2e.badinput.count", 3000);
    private static final long SEED = Long.getLong("keel.e2e.badinput.seed", 20261213L);
    private static final Duration DEADLINE = Duration.ofMinutes(Long.getLong("keel.e2e.badinput.minutes", 8));

    /** Answers that are no answer at all: the server failed, or closed the connection. */
    private static final Set<Category> SERVER_FAILURES = EnumSet.of(Category.SERVER_ERROR, Category.NO_ANSWER);
    /**
     * Storage Kubernetes would not have allowed: invalid input stored, a rejected request that changed the object,
     * a field it keeps changed, a JSON null stored; and fixtures the run could not create (their checks did not run).
     */
    private static final Set<Category> WRONGLY_STORED = EnumSet.of(Category.ACCEPTED_INVALID,
            Category.REJECTED_BUT_STORED, Category.FIELD_CHANGED, Category.STORED_NULL, Category.SETUP);

    private static LocalCluster cluster;
    private static KubernetesClient client;
    private static ControlPlaneConvergence convergence;
    private static BadInputReport report;
    private static String namespace;

    @BeforeAll
    static void runBadInput() {
        cluster = LocalCluster.get();
        client = cluster.fabric8();
        convergence = ControlPlaneConvergence.observe(cluster);
        report = BadInputRun.against(cluster.apiServer(), Credentials.platformDir(cluster.stateDirectory()))
                .seed(SEED).count(REQUESTS).deadline(DEADLINE).run();
        System.out.println("[e2e] " + report.summary(Integer.MAX_VALUE));
    }

    @AfterAll
    static void disconnect() {
        if (cluster != null) {
            cluster.release(client, namespace);
        }
    }

    @Test
    @Order(1)
    void thousandsOfRequestsWereSent() {
        assertThat(report.sent()).as("requests sent before the %s deadline", DEADLINE).isGreaterThanOrEqualTo(Math.min(REQUESTS, 1000));
    }

    @Test
    @Order(2)
    void noRequestGotA5xxOrNoAnswer() {
        List<Problem> failures = report.problems().stream().filter(p -> SERVER_FAILURES.contains(p.category())).toList();
        assertThat(failures.size()).as(describe(failures)).isZero();
    }

    @Test
    @Order(3)
    void nothingWasStoredThatKubernetesRejects() {
        List<Problem> stored = report.problems().stream().filter(p -> WRONGLY_STORED.contains(p.category())).toList();
        assertThat(stored.size()).as(describe(stored)).isZero();
    }

    @Test
    @Order(4)
    void schedulerAndControllersStillConvergeNewObjects() {
        namespace = cluster.createNamespace("after-badinput");
        convergence.assertStillConverging(client, namespace, "after-badinput");
    }

    /** The run's summary and the first 30 of {@code problems} (all of them went to the output above). */
    private static String describe(List<Problem> problems) {
        StringBuilder text = new StringBuilder(report.summary(0));
        problems.stream().limit(30).forEach(problem -> text.append("\n  ").append(problem));
        return text.toString();
    }
}
