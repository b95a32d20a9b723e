package dev.keel.node.containerd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.stream.Collectors;

/**
 * Writes a node's containerd configuration (version 2 TOML, CRI plugin on runc with cgroupfs) and the CNI network
 * list that gives its pods addresses from the node's range on its own bridge, without masquerading. Pods route
 * everything through their node (the bridge's gateway address), so they reach pods on other nodes and clients that
 * are not on their own /24; what leaves the pod goes no further than the node's own routes allow.
 */
public final class ContainerdConfigWriter {

    private ContainerdConfigWriter() {
    }

    public static void write(ContainerdConfig config) {
        try {
            Files.createDirectories(config.cniConfDir());
            Files.writeString(config.configFile(), containerdToml(config));
            Files.writeString(config.cniConfDir().resolve("10-keel.conflist"), cniConflist(config));
        } catch (IOException e) {
            throw new UncheckedIOException("writing containerd configuration under " + config.baseDir(), e);
        }
    }

    static String containerdToml(ContainerdConfig config) {
        String cri = "plugins.\"io.containerd.grpc.v1.cri\"";
        String mirrors = config.mirrors().entrySet().stream()
                .map(mirror -> """
                        [%s.registry.mirrors."%s"]
                            endpoint = ["%s"]
                        """.formatted(cri, mirror.getKey(), mirror.getValue()))
                .collect(Collectors.joining());
        // Debug and metrics listeners off, streaming server on loopback only. Scores below containerd's own
        // oom_score_adj need CAP_SYS_RESOURCE, which a node inside a container may lack: clamp instead of failing.
        return """
                version = 2
                root = "%1$s"
                state = "%2$s"
                [grpc]
                    address = "%3$s"
                [ttrpc]
                    address = "%3$s.ttrpc"
                [debug]
                    address = ""
                [metrics]
                    address = ""
                [%4$s]
                    sandbox_image = "%5$s"
                    stream_server_address = "127.0.0.1"
                    stream_server_port = "0"
                    restrict_oom_score_adj = true
                    [%4$s.containerd]
                        snapshotter = "overlayfs"
                        default_runtime_name = "runc"
                        [%4$s.containerd.runtimes.runc]
                            runtime_type = "io.containerd.runc.v2"
                            [%4$s.containerd.runtimes.runc.options]
                                SystemdCgroup = false
                    [%4$s.cni]
                        bin_dir = "%6$s"
                        conf_dir = "%7$s"
                %8$s""".formatted(config.root(), config.state(), config.socket(), cri, config.sandboxImage(),
                config.cniBinDir(), config.cniConfDir(), mirrors);
    }

    static String cniConflist(ContainerdConfig config) {
        return """
                {
                    "cniVersion": "1.0.0",
                    "name": "keel-%1$s",
                    "plugins": [
                        {
                            "type": "bridge",
                            "bridge": "%1$s",
                            "isGateway": true,
                            "ipMasq": false,
                            "hairpinMode": true,
                            "ipam": {
                                "type": "host-local",
                                "ranges": [[{"subnet": "%2$s"}]],
                                "routes": [{"dst": "0.0.0.0/0"}],
                                "dataDir": "%3$s"
                            }
                        },
                        {"type": "loopback"}
                    ]
                }
                """.formatted(config.bridge(), config.podCidr(), config.baseDir().resolve("ipam"));
    }
}
