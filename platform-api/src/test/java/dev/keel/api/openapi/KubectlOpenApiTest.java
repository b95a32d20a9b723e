package dev.keel.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keel.api.patch.ObjectPatcher;
import dev.keel.api.patch.ServerSideApply;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.testing.EtcdServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real kubectl against a running platform-api: explain must find kinds and print their fields, through
 * OpenAPI v3 (current kubectl) and through the protobuf v2 document (kubectl 1.27 reads it first).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(KubectlOpenApiTest.StandInPatchBeans.class)
class KubectlOpenApiTest {

    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    private static final Path KUBECTL_1_27 = Path.of("/usr/lib/google-cloud-sdk/bin/kubectl.1.27");

    @DynamicPropertySource
    static void etcd(DynamicPropertyRegistry registry) {
        registry.add("keel.api.etcd.endpoints", () -> EtcdServer.shared().endpoint());
        registry.add("keel.api.etcd.key-prefix", () -> "/openapi-test-" + System.nanoTime());
    }

    @LocalServerPort
    private int port;

    @TempDir
    private Path home;

    @Test
    void currentKubectlExplainsPodContainers() throws Exception {
        String out = kubectl(KUBECTL, "explain", "pod.spec.containers");
        assertThat(out).contains("KIND:       Pod", "FIELD: containers <[]Container>");
        assertThat(out).containsPattern("(?m)^\\s+image\\s+<string>");
        assertThat(out).containsPattern("(?m)^\\s+ports\\s+<\\[\\]ContainerPort>");
    }

    @Test
    void kubectl127ExplainsDeploymentSpec() throws Exception {
        String out = kubectl(KUBECTL_1_27, "explain", "deployment.spec");
        assertThat(out).contains("GROUP:      apps", "KIND:       Deployment");
        assertThat(out).containsPattern("(?m)^\\s+replicas\\s+<integer>");
        assertThat(out).containsPattern("(?m)^\\s+template\\s+<PodTemplateSpec> -required-");
    }

    @Test
    void kubectl127ReadsTheProtobufDocument() throws Exception {
        String out = kubectl(KUBECTL_1_27, "explain", "deployment.spec.template.spec.containers",
                "--output", "plaintext-openapiv2");
        assertThat(out).contains("RESOURCE: containers <[]Object>");
        assertThat(out).containsPattern("(?m)^\\s+image\\s+<string>");
    }

    private String kubectl(Path binary, String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(binary), binary + " is not installed");
        Path config = home.resolve("kubeconfig");
        Files.writeString(config, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: keel
                  cluster:
                    server: http://127.0.0.1:%d
                users:
                - name: anonymous
                  user: {}
                contexts:
                - name: keel
                  context: {cluster: keel, user: anonymous, namespace: default}
                current-context: keel
                """.formatted(port));
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", config.toString(),
                "--cache-dir", home.resolve("cache").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("out.txt").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 60s");
        }
        String out = Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s exited with: %s", String.join(" ", args), out).isZero();
        return out;
    }

    /**
     * ResourceController needs an ObjectPatcher and a ServerSideApply. While the patch engine is not in the
     * tree, this registers inert ones, after all configuration is read and only if none exist, so the test
     * keeps running unchanged once the real ones land. Explain never patches.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class StandInPatchBeans {

        @Bean
        static BeanDefinitionRegistryPostProcessor standInPatchBeans() {
            return new Registrar();
        }

        private static final class Registrar implements BeanDefinitionRegistryPostProcessor, Ordered {

            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                ListableBeanFactory beans = (ListableBeanFactory) registry;
                if (beans.getBeanNamesForType(ObjectPatcher.class, true, false).length == 0) {
                    registry.registerBeanDefinition("standInObjectPatcher",
                            new RootBeanDefinition(ObjectPatcher.class, Registrar::patcher));
                }
                if (beans.getBeanNamesForType(ServerSideApply.class, true, false).length == 0) {
                    registry.registerBeanDefinition("standInServerSideApply",
                            new RootBeanDefinition(ServerSideApply.class, Registrar::apply));
                }
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
                // Nothing to change once definitions are in.
            }

            @Override
            public int getOrder() {
                return Ordered.LOWEST_PRECEDENCE;
            }

            private static ObjectPatcher patcher() {
                return (patchType, current, patch, type) -> {
                    throw new UnsupportedOperationException("patches are not part of the OpenAPI tests");
                };
            }

            private static ServerSideApply apply() {
                return new ServerSideApply() {
                    @Override
                    public ObjectNode apply(ObjectNode live, ObjectNode applied, ResourceType type, String manager,
                            boolean force) {
                        throw new UnsupportedOperationException("server-side apply is not part of the OpenAPI tests");
                    }

                    @Override
                    public void recordUpdate(ObjectNode old, ObjectNode updated, ResourceType type, String manager,
                            String subresource) {
                        // The default namespaces are created at startup; managedFields do not matter here.
                    }
                };
            }
        }
    }
}
