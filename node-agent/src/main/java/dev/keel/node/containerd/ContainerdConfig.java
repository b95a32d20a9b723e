package dev.keel.node.containerd;

import java.nio.file.Path;
import java.util.Map;

/**
 * One node's containerd: its own directories and socket, its pod range on its own bridge, the sandbox image and
 * the registry mirrors (image host to HTTP endpoint) it pulls through.
 *
 * @param baseDir    root, state, CNI configuration and IPAM data all live under it
 * @param podCidr    the node's pod range; only the bridge below carries it
 * @param bridge     name of the Linux bridge CNI creates for the pods (at most 15 characters)
 * @param sandboxImage image of the pods' sandbox ("pause") container
 * @param mirrors    image host (e.g. {@code localhost:5000}) to the endpoint that serves it
 * @param cniBinDir  where the CNI plugins are installed
 */
public record ContainerdConfig(Path baseDir, String podCidr, String bridge, String sandboxImage,
        Map<String, String> mirrors, Path cniBinDir) {

    public ContainerdConfig {
        if (bridge.length() > 15) {
            throw new IllegalArgumentException("bridge name longer than 15 characters: " + bridge);
        }
    }

    public Path socket() {
        return baseDir.resolve("containerd.sock");
    }

    public Path configFile() {
        return baseDir.resolve("config.toml");
    }

    public Path cniConfDir() {
        return baseDir.resolve("cni");
    }

    public Path root() {
        return baseDir.resolve("root");
    }

    public Path state() {
        return baseDir.resolve("state");
    }
}
