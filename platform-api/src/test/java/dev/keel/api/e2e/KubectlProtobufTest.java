package dev.keel.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.Kubectl.Result;
import org.junit.jupiter.api.Test;

/**
 * kubectl 1.33, a Go client, sends its typed requests (the create subcommands, drain's evictions) as
 * {@code application/vnd.kubernetes.protobuf} and accepts protobuf first: it must get protobuf back and read it,
 * errors included. (kubectl up to 1.30 sends and asks for JSON only; -v=8 shows every header.)
 */
class KubectlProtobufTest extends ApiServerTest {

    private static final String PROTOBUF_HEADER = "Content-Type: application/vnd.kubernetes.protobuf";

    private Kubectl kubectl() {
        Kubectl kubectl = new Kubectl("1.33", kubeconfig());
        assertThat(kubectl.available()).as("kubectl 1.33 is on the machine (MACHINE.md)").isTrue();
        return kubectl;
    }

    @Test
    void createSubcommandsSendAndReadProtobuf() {
        Kubectl kubectl = kubectl();
        String ns = createNamespace("kubectl-pb");
        // Each command, then what it prints.
        String[][] commands = {
            {"create", "configmap", "c", "--from-literal=a=b"}, {"configmap/c created"},
            {"create", "secret", "generic", "s", "--from-literal=a=b"}, {"secret/s created"},
            {"create", "deployment", "d", "--image=registry.local/app:1"}, {"deployment.apps/d created"},
            {"create", "service", "clusterip", "svc", "--tcp=80:8080"}, {"service/svc created"},
            {"create", "serviceaccount", "sa"}, {"serviceaccount/sa created"},
            {"create", "job", "j", "--image=registry.local/app:1"}, {"job.batch/j created"},
        };
        for (int i = 0; i < commands.length; i += 2) {
            String[] command = commands[i];
            Result result = kubectl.run(withArgs(command, "-n", ns, "-v=8"));

            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(result.out()).as(String.join(" ", command)).contains(commands[i + 1][0]);
            // The request body and the answer: both protobuf.
            assertThat(count(result.err(), PROTOBUF_HEADER)).as(String.join(" ", command)).isGreaterThanOrEqualTo(2);
        }
        assertThat(api().get("/api/v1/namespaces/" + ns + "/configmaps/c").json().path("data").path("a").asText())
                .isEqualTo("b");
        assertThat(api().get("/apis/batch/v1/namespaces/" + ns + "/jobs/j").json().path("spec").path("template")
                .path("spec").path("containers").get(0).path("image").asText()).isEqualTo("registry.local/app:1");
    }

    @Test
    void aConflictAnsweredInProtobufReadsAsKubernetesSaysIt() {
        Kubectl kubectl = kubectl();
        String ns = createNamespace("kubectl-pb-err");
        assertThat(kubectl.run("create", "configmap", "twice", "-n", ns).exitCode()).isZero();

        Result again = kubectl.run("create", "configmap", "twice", "-n", ns, "-v=8");

        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("configmaps \"twice\" already exists");
        assertThat(count(again.err(), PROTOBUF_HEADER)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void drainEvictsPodsWithProtobufEvictions() {
        Kubectl kubectl = kubectl();
        String ns = createNamespace("kubectl-drain");
        String node = "node-" + ns;
        assertThat(api().post("/api/v1/nodes", "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\""
                + node + "\"}}").status()).isEqualTo(201);
        assertThat(api().post("/api/v1/namespaces/" + ns + "/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                + "\"metadata\":{\"name\":\"bound\"},\"spec\":{\"nodeName\":\"" + node + "\","
                + "\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}").status()).isEqualTo(201);
        try {
            Result drained = kubectl.run("drain", node, "--force", "--grace-period=0", "--timeout=30s", "-v=8");

            assertThat(drained.exitCode()).as(drained.all()).isZero();
            assertThat(drained.err()).contains("/pods/bound/eviction");
            assertThat(count(drained.err(), PROTOBUF_HEADER)).isGreaterThanOrEqualTo(2);
            assertThat(api().get("/api/v1/namespaces/" + ns + "/pods/bound").status()).isEqualTo(404);
            assertThat(api().get("/api/v1/nodes/" + node).json().path("spec").path("unschedulable").asBoolean()).isTrue();
        } finally {
            api().delete("/api/v1/nodes/" + node);
        }
    }

    private static String[] withArgs(String[] command, String... extra) {
        String[] args = new String[command.length + extra.length];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(extra, 0, args, command.length, extra.length);
        return args;
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
