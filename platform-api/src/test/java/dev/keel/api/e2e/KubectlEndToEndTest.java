package dev.keel.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;


import dev.keel.api.store.RevisionedStore;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.Kubectl;
import dev.keel.api.testing.Kubectl.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The real kubectl (oldest and newest on the machine) driving platform-api as a user would. */
class KubectlEndToEndTest extends ApiServerTest {

    private static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: localhost:5000/busybox:1.35
                    command: ["httpd", "-f", "-p", "8080"]
                    ports:
                    - containerPort: 8080
                    env:
                    - name: MODE
                      value: demo
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - port: 80
                targetPort: 8080
            """;

    @Autowired
    private RevisionedStore store;

    static Stream<String> versions() {
        return Kubectl.VERSIONS.stream();
    }

    private Kubectl kubectl(String version) {
        Kubectl kubectl = new Kubectl(version, kubeconfig());
        assertThat(kubectl.available()).as("kubectl " + version + " is on the machine (MACHINE.md)").isTrue();
        return kubectl;
    }

    private String namespace(Kubectl kubectl) {
        String ns = uniqueName("e2e");
        Result created = kubectl.run("create", "namespace", ns);
        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.out()).contains("namespace/" + ns + " created");
        return ns;
    }

    private Result ok(Result result) {
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result;
    }

    @ParameterizedTest
    @MethodSource("versions")
    void applyThenApplyAgainChangesNothing(String version) {
        Kubectl kubectl = kubectl(version);
        String ns = namespace(kubectl);

        Result first = ok(kubectl.runWithInput(MANIFESTS, "apply", "-n", ns, "-f", "-"));
        String resourceVersion = ok(kubectl.run("get", "deploy/web", "-n", ns, "-o", "jsonpath={.metadata.resourceVersion}")).out();
        Result second = ok(kubectl.runWithInput(MANIFESTS, "apply", "-n", ns, "-f", "-"));

        assertThat(first.out()).contains("deployment.apps/web created").contains("service/web created");
        assertThat(second.out()).contains("deployment.apps/web unchanged").contains("service/web unchanged");
        assertThat(ok(kubectl.run("get", "deploy/web", "-n", ns, "-o", "jsonpath={.metadata.resourceVersion}")).out())
                .isEqualTo(resourceVersion);
    }

    @ParameterizedTest
    @MethodSource("versions")
    void getPrintsTheUsualColumnsAndYaml(String version) {
        Kubectl kubectl = kubectl(version);
        String ns = namespace(kubectl);
        ok(kubectl.runWithInput(MANIFESTS, "apply", "-n", ns, "-f", "-"));

        String deployments = ok(kubectl.run("get", "deployments", "-n", ns)).out();
        String wide = ok(kubectl.run("get", "deployments", "-n", ns, "-o", "wide")).out();
        String services = ok(kubectl.run("get", "svc", "-n", ns)).out();
        String yaml = ok(kubectl.run("get", "deploy", "web", "-n", ns, "-o", "yaml")).out();

        assertThat(deployments.lines().findFirst().orElseThrow()).containsSubsequence("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
        assertThat(wide.lines().findFirst().orElseThrow()).contains("CONTAINERS").contains("IMAGES").contains("SELECTOR");
        assertThat(wide).contains("localhost:5000/busybox:1.35");
        assertThat(services.lines().findFirst().orElseThrow()).containsSubsequence("NAME", "TYPE", "CLUSTER-IP", "PORT(S)");
        assertThat(yaml).contains("kind: Deployment").contains("replicas: 2").contains("uid:").contains("resourceVersion:");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void patchLabelAnnotateAndScaleChangeTheObject(String version) {
        Kubectl kubectl = kubectl(version);
        String ns = namespace(kubectl);
        ok(kubectl.runWithInput(MANIFESTS, "apply", "-n", ns, "-f", "-"));

        ok(kubectl.run("patch", "deploy/web", "-n", ns, "-p", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"localhost:5000/busybox:1.36\"}]}}}}"));
        ok(kubectl.run("label", "deploy/web", "-n", ns, "tier=front"));
        ok(kubectl.run("annotate", "deploy/web", "-n", ns, "owner=team-a"));
        ok(kubectl.run("scale", "deploy/web", "-n", ns, "--replicas=4"));

        String jsonPath = "{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].command[0]} "
                + "{.metadata.labels.tier} {.metadata.annotations.owner} {.spec.replicas}";
        assertThat(ok(kubectl.run("get", "deploy/web", "-n", ns, "-o", "jsonpath=" + jsonPath)).out())
                .isEqualTo("localhost:5000/busybox:1.36 httpd front team-a 4");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void watchSeesLaterChanges(String version) throws Exception {
        Kubectl kubectl = kubectl(version);
        String ns = namespace(kubectl);
        ok(kubectl.runWithInput(MANIFESTS, "apply", "-n", ns, "-f", "-"));
        Path output = Files.createTempFile("watch-", ".txt");

        Process watch = kubectl.start(output, "get", "deploy/web", "-n", ns, "-w", "-o", "jsonpath={.spec.replicas}{\"\\n\"}");
        try {
            waitFor(output, "2");
            ok(kubectl.run("scale", "deploy/web", "-n", ns, "--replicas=5"));
            waitFor(output, "5");
        } finally {
            watch.destroy();
            watch.waitFor(5, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(output).lines()).containsSubsequence("2", "5");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void serverSideApplyCreatesAndUpdates(String version) {
        Kubectl kubectl = kubectl(version);
        String ns = namespace(kubectl);

        Result created = ok(kubectl.runWithInput(MANIFESTS, "apply", "--server-side", "-n", ns, "-f", "-"));
        Result again = ok(kubectl.runWithInput(MANIFESTS.replace("replicas: 2", "replicas: 3"),
                "apply", "--server-side", "-n", ns, "-f", "-"));

        assertThat(created.out()).contains("deployment.apps/web serverside-applied");
        assertThat(again.out()).contains("deployment.apps/web serverside-applied");
        assertThat(ok(kubectl.run("get", "deploy/web", "-n", ns, "-o", "jsonpath={.spec.replicas}")).out()).isEqualTo("3");
        assertThat(ok(kubectl.run("get", "deploy/web", "-n", ns, "-o", "jsonpath={.metadata.managedFields[0].manager}")).out())
                .isEqualTo("kubectl");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void diffShowsWhatApplyWouldChange(String version) {
        Kubectl kubectl = kubectl(version);
        String ns = namespace(kubectl);
        ok(kubectl.runWithInput(MANIFESTS, "apply", "-n", ns, "-f", "-"));

        Result same = kubectl.runWithInput(MANIFESTS, "diff", "-n", ns, "-f", "-");
        Result changed = kubectl.runWithInput(MANIFESTS.replace("replicas: 2", "replicas: 6"), "diff", "-n", ns, "-f", "-");

        assertThat(same.exitCode()).as(same.all()).isZero();
        assertThat(changed.exitCode()).as(changed.all()).isEqualTo(1);
        assertThat(changed.out()).contains("-  replicas: 2").contains("+  replicas: 6");
        assertThat(ok(kubectl.run("get", "deploy/web", "-n", ns, "-o", "jsonpath={.spec.replicas}")).out()).isEqualTo("2");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void deleteAndWaitForDeletion(String version) {
        Kubectl kubectl = kubectl(version);
        String ns = namespace(kubectl);
        ok(kubectl.runWithInput(MANIFESTS, "apply", "-n", ns, "-f", "-"));

        Result deleted = ok(kubectl.runWithInput(MANIFESTS, "delete", "-n", ns, "-f", "-"));
        ok(kubectl.run("wait", "--for=delete", "deploy/web", "-n", ns, "--timeout=20s"));

        assertThat(deleted.out()).contains("deployment.apps \"web\" deleted").contains("service \"web\" deleted");
        assertThat(store.get("/registry/apps/deployments/" + ns + "/web")).isEmpty();
        assertThat(kubectl.run("get", "deploy/web", "-n", ns).err()).contains("NotFound");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void invalidInputIsRefusedAndNothingIsStored(String version) {
        Kubectl kubectl = kubectl(version);
        String ns = namespace(kubectl);

        Result badName = kubectl.runWithInput(MANIFESTS.replace("name: web\n  labels", "name: Web_Bad\n  labels"),
                "apply", "-n", ns, "-f", "-");
        Result unknownField = kubectl.runWithInput(MANIFESTS.replace("replicas: 2", "replicas: 2\n  replicaz: 3"),
                "apply", "-n", ns, "-f", "-");
        Result wrongType = kubectl.runWithInput(MANIFESTS.replace("replicas: 2", "replicas: two"),
                "apply", "--validate=false", "-n", ns, "-f", "-");

        assertThat(badName.exitCode()).isNotZero();
        assertThat(badName.err()).contains("Invalid value: \"Web_Bad\"");
        assertThat(unknownField.exitCode()).isNotZero();
        assertThat(unknownField.err()).contains("replicaz");
        assertThat(wrongType.exitCode()).isNotZero();
        assertThat(store.get("/registry/apps/deployments/" + ns + "/Web_Bad")).isEmpty();
        assertThat(store.get("/registry/apps/deployments/" + ns + "/web")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("versions")
    void aStaleReplaceConflicts(String version) throws Exception {
        Kubectl kubectl = kubectl(version);
        String ns = namespace(kubectl);
        ok(kubectl.runWithInput(MANIFESTS, "apply", "-n", ns, "-f", "-"));
        String current = ok(kubectl.run("get", "deploy/web", "-n", ns, "-o", "yaml")).out();
        ok(kubectl.run("scale", "deploy/web", "-n", ns, "--replicas=3"));

        Result stale = kubectl.runWithInput(current, "replace", "-f", "-");

        assertThat(stale.exitCode()).isNotZero();
        assertThat(stale.err()).contains("the object has been modified");
        assertThat(ok(kubectl.run("get", "deploy/web", "-n", ns, "-o", "jsonpath={.spec.replicas}")).out()).isEqualTo("3");
    }

    @ParameterizedTest
    @MethodSource("versions")
    void malformedYamlNeverReachesTheServer(String version) {
        Kubectl kubectl = kubectl(version);
        String ns = namespace(kubectl);

        Result result = kubectl.runWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n data: [", "apply", "-n", ns, "-f", "-");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).containsIgnoringCase("yaml");
        assertThat(store.get("/registry/configmaps/" + ns + "/c")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("versions")
    void aBodyOfTheWrongKindForTheUrlIsABadRequest(String version) throws Exception {
        Kubectl kubectl = kubectl(version);
        String ns = namespace(kubectl);
        Path pod = Files.createTempFile("pod-", ".json");
        Files.writeString(pod, "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");

        Result result = kubectl.run("create", "--raw", "/apis/apps/v1/namespaces/" + ns + "/deployments", "-f", pod.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("does not match");
        assertThat(store.get("/registry/apps/deployments/" + ns + "/p")).isEmpty();
        assertThat(store.get("/registry/pods/" + ns + "/p")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("versions")
    void oversizedObjectsAreRefused(String version) {
        Kubectl kubectl = kubectl(version);
        String ns = namespace(kubectl);
        String tooLongData = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  a: " + "x".repeat(1_100_000) + "\n";
        String tooLargeBody = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: huge\ndata:\n  a: " + "x".repeat(3_200_000) + "\n";

        Result tooLong = kubectl.runWithInput(tooLongData, "create", "-n", ns, "-f", "-");
        Result tooLarge = kubectl.runWithInput(tooLargeBody, "create", "-n", ns, "-f", "-");

        assertThat(tooLong.exitCode()).isNotZero();
        assertThat(tooLong.err()).contains("Too long: may not be more than 1048576 bytes");
        assertThat(tooLarge.exitCode()).isNotZero();
        assertThat(tooLarge.err()).contains("Request entity too large");
        assertThat(store.get("/registry/configmaps/" + ns + "/big")).isEmpty();
        assertThat(store.get("/registry/configmaps/" + ns + "/huge")).isEmpty();
    }

    private static void waitFor(Path output, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Files.readString(output).lines().anyMatch(line::equals)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("kubectl -w never printed " + line + "; it printed: " + Files.readString(output));
    }
}
