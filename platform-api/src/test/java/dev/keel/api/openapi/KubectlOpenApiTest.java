package dev.keel.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.Kubectl;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl against a running platform-api: explain must find kinds and print their fields, through
 * OpenAPI v3 (current kubectl) and through the protobuf v2 document (kubectl 1.27 reads it first).
 */
class KubectlOpenApiTest extends ApiServerTest {

    private String explain(String version, String... args) {
        Kubectl kubectl = new Kubectl(version, kubeconfig());
        assertThat(kubectl.available()).as("kubectl " + version + " is on the machine (MACHINE.md)").isTrue();
        String[] command = new String[args.length + 1];
        command[0] = "explain";
        System.arraycopy(args, 0, command, 1, args.length);
        Kubectl.Result result = kubectl.run(command);
        assertThat(result.exitCode()).as(result.all()).isZero();
        return result.out();
    }

    @Test
    void currentKubectlExplainsPodContainers() {
        String out = explain("1.33", "pod.spec.containers");
        assertThat(out).contains("KIND:       Pod", "FIELD: containers <[]Container>");
        assertThat(out).containsPattern("(?m)^\\s+image\\s+<string>");
        assertThat(out).containsPattern("(?m)^\\s+ports\\s+<\\[\\]ContainerPort>");
    }

    @Test
    void kubectl127ExplainsDeploymentSpec() {
        String out = explain("1.27", "deployment.spec");
        assertThat(out).contains("GROUP:      apps", "KIND:       Deployment");
        assertThat(out).containsPattern("(?m)^\\s+replicas\\s+<integer>");
        assertThat(out).containsPattern("(?m)^\\s+template\\s+<PodTemplateSpec> -required-");
    }

    @Test
    void kubectl127ReadsTheProtobufDocument() {
        String out = explain("1.27", "deployment.spec.template.spec.containers", "--output", "plaintext-openapiv2");
        assertThat(out).contains("RESOURCE: containers <[]Object>");
        assertThat(out).containsPattern("(?m)^\\s+image\\s+<string>");
    }
}
