package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.Kubectl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Volumes and the downward API as users write them, with the real kubectl 1.27 and 1.33: a pod with downward-API
 * env and files, a projected volume, a ConfigMap volume seen to change in the running container after
 * {@code kubectl patch}, a memory emptyDir that {@code mount} shows as a tmpfs of its sizeLimit, a hostPath, and
 * volume kinds keel cannot mount refused at admission (pod and Deployment) with the field named.
 */
@LocalClusterTest
class VolumesEndToEndTest {

    /** A ConfigMap edit reaches the running container within about a minute, as with the kubelet. */
    private static final Duration REFRESH = Duration.ofSeconds(90);

    private static LocalCluster cluster;
    private static final List<String> namespaces = new ArrayList<>();

    @BeforeAll
    static void connect() {
        cluster = LocalCluster.get();
    }

    @AfterAll
    static void removeNamespaces() {
        namespaces.forEach(namespace -> cluster.release(null, namespace));
    }

    static List<String> versions() {
        return Kubectl.VERSIONS;
    }

    private static String manifest(String namespace, Path hostDirectory) {
        return """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: NS}
            data: {mode: fast, level: "3"}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds, namespace: NS}
            stringData: {token: s3cr3t}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: vol
              namespace: NS
              labels: {app: shop}
              annotations: {owner: team-a}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: IMAGE
                command: [sleep, "3600"]
                resources:
                  requests: {cpu: 250m}
                  limits: {memory: 64Mi}
                env:
                - name: POD_NAME
                  valueFrom: {fieldRef: {fieldPath: metadata.name}}
                - name: POD_NAMESPACE
                  valueFrom: {fieldRef: {fieldPath: metadata.namespace}}
                - name: NODE
                  valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
                - name: POD_IP
                  valueFrom: {fieldRef: {fieldPath: status.podIP}}
                - name: MEM_MI
                  valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
                - name: CPU_M
                  valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}
                volumeMounts:
                - {name: podinfo, mountPath: /etc/podinfo}
                - {name: all, mountPath: /etc/all}
                - {name: cfg, mountPath: /etc/cfg}
                - {name: cache, mountPath: /cache}
                - {name: host, mountPath: /host}
              volumes:
              - name: podinfo
                downwardAPI:
                  items:
                  - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                  - {path: annotations, fieldRef: {fieldPath: metadata.annotations}}
                  - {path: mem, resourceFieldRef: {containerName: main, resource: limits.memory, divisor: 1Mi}}
              - name: all
                projected:
                  sources:
                  - configMap: {name: settings, items: [{key: level, path: cfg/level}]}
                  - secret: {name: creds}
                  - downwardAPI: {items: [{path: name, fieldRef: {fieldPath: metadata.name}}]}
              - name: cfg
                configMap: {name: settings}
              - name: cache
                emptyDir: {medium: Memory, sizeLimit: 16Mi}
              - name: host
                hostPath: {path: HOST, type: DirectoryOrCreate}
            """.replace("NS", namespace).replace("IMAGE", LocalCluster.BUSYBOX)
            .replace("HOST", hostDirectory.toString());
    }

    private static String refusedPod(String namespace) {
        return """
            apiVersion: v1
            kind: Pod
            metadata: {name: nfs, namespace: NS}
            spec:
              containers:
              - {name: main, image: IMAGE, command: [sleep, "3600"], volumeMounts: [{name: data, mountPath: /data}]}
              volumes:
              - name: data
                nfs: {server: nfs.example.com, path: /exports}
            """.replace("NS", namespace).replace("IMAGE", LocalCluster.BUSYBOX);
    }

    private static String refusedDeployment(String namespace) {
        return """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: nfs, namespace: NS}
            spec:
              selector: {matchLabels: {app: nfs}}
              template:
                metadata: {labels: {app: nfs}}
                spec:
                  containers:
                  - {name: main, image: IMAGE, volumeMounts: [{name: data, mountPath: /data}]}
                  volumes:
                  - name: data
                    nfs: {server: nfs.example.com, path: /exports}
                  - name: token
                    projected: {sources: [{serviceAccountToken: {path: token}}]}
            """.replace("NS", namespace).replace("IMAGE", LocalCluster.BUSYBOX);
    }

    @ParameterizedTest(name = "kubectl {0}")
    @MethodSource("versions")
    void downwardApiProjectedConfigMapMemoryAndHostPathVolumes(String version) throws IOException {
        Kubectl kubectl = cluster.kubectlOf(version);
        String namespace = cluster.createNamespace("volumes-" + version.replace('.', '-'));
        namespaces.add(namespace);
        Path host = Files.createTempDirectory("keel-e2e-hostpath-").resolve("made");
        ok(kubectl.runWithInput(manifest(namespace, host), "apply", "-f", "-"));
        ok(kubectl.run("-n", namespace, "wait", "--for=condition=Ready", "pod/vol", "--timeout=180s"));

        String ip = ok(kubectl.run("-n", namespace, "get", "pod", "vol", "-o", "jsonpath={.status.podIP}"));
        assertThat(exec(kubectl, namespace, "echo $POD_NAME $POD_NAMESPACE $POD_IP $MEM_MI $CPU_M"))
            .isEqualTo("vol " + namespace + " " + ip + " 64 250");
        assertThat(exec(kubectl, namespace, "echo $NODE")).startsWith("node-");
        assertThat(exec(kubectl, namespace, "cat /etc/podinfo/labels")).isEqualTo("app=\"shop\"");
        assertThat(exec(kubectl, namespace, "cat /etc/podinfo/annotations")).contains("owner=\"team-a\"");
        assertThat(exec(kubectl, namespace, "cat /etc/podinfo/mem")).isEqualTo("64");
        assertThat(exec(kubectl, namespace, "for f in cfg/level token name; do cat /etc/all/$f; echo; done"))
            .isEqualTo("3\ns3cr3t\nvol");
        assertThat(exec(kubectl, namespace, "readlink /etc/cfg/mode")).isEqualTo("..data/mode");
        assertThat(exec(kubectl, namespace, "mount | grep ' /cache '")).startsWith("tmpfs on /cache type tmpfs")
            .contains("size=16384k");
        exec(kubectl, namespace, "echo from-pod > /host/greeting");
        assertThat(Files.readString(host.resolve("greeting")).strip()).isEqualTo("from-pod");

        ok(kubectl.run("-n", namespace, "label", "pod", "vol", "tier=front"));
        Poll.until(REFRESH, "the labels file to show the new label", () ->
            exec(kubectl, namespace, "cat /etc/podinfo/labels").equals("app=\"shop\"\ntier=\"front\""));

        ok(kubectl.run("-n", namespace, "patch", "configmap", "settings", "-p", "{\"data\":{\"mode\":\"slow\"}}"));
        Poll.until(REFRESH, "the running container to see the edited ConfigMap", () ->
            exec(kubectl, namespace, "cat /etc/cfg/mode").equals("slow"));

        ok(kubectl.run("-n", namespace, "delete", "pod", "vol", "--wait=true", "--timeout=120s"));
    }

    @ParameterizedTest(name = "kubectl {0}")
    @MethodSource("versions")
    void volumeKindsKeelCannotMountAreRefusedAtAdmission(String version) {
        Kubectl kubectl = cluster.kubectlOf(version);
        String namespace = cluster.createNamespace("novolumes-" + version.replace('.', '-'));
        namespaces.add(namespace);

        Kubectl.Result pod = kubectl.runWithInput(refusedPod(namespace), "apply", "-f", "-");
        assertThat(pod.exitCode()).isNotZero();
        assertThat(pod.err()).contains("is invalid")
            .contains("spec.volumes[0].nfs: Forbidden: keel cannot mount nfs volumes");
        Kubectl.Result deployment = kubectl.runWithInput(refusedDeployment(namespace), "create", "-f", "-");
        assertThat(deployment.exitCode()).isNotZero();
        assertThat(deployment.err()).contains("spec.template.spec.volumes[0].nfs: Forbidden: keel cannot mount nfs")
            .contains("spec.template.spec.volumes[1].projected.sources[0].serviceAccountToken: Forbidden: keel does "
                + "not issue service account tokens yet");

        Kubectl.Result get = kubectl.run("-n", namespace, "get", "pod/nfs", "deployment/nfs");
        assertThat(get.exitCode()).isNotZero();
        assertThat(get.err()).contains("NotFound").contains("\"nfs\" not found");
    }

    private static String exec(Kubectl kubectl, String namespace, String script) {
        return ok(kubectl.run("-n", namespace, "exec", "vol", "-c", "main", "--", "sh", "-c", script)).strip();
    }

    private static String ok(Kubectl.Result result) {
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kubectl exited " + result.exitCode() + ": " + result.all());
        }
        return result.out();
    }
}
