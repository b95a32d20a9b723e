package dev.keel.node.containerd;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command line entry point to {@link ContainerdConfigWriter}, so {@code ./platform up} writes each node's containerd
 * and CNI configuration with the same code the agent's tests use. It needs only the JDK on the class path:
 * {@code java -cp node-agent.jar dev.keel.node.containerd.WriteContainerdConfig --base-dir DIR --pod-cidr CIDR
 * --bridge NAME --sandbox-image IMAGE [--mirror HOST=ENDPOINT]... [--cni-bin-dir DIR]}. It prints the config file.
 */
public final class WriteContainerdConfig {

    private WriteContainerdConfig() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> mirrors = new LinkedHashMap<>();
        options.put("--cni-bin-dir", "/usr/lib/cni");
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length || !args[i].startsWith("--")) {
                usage("expected --option value pairs, got " + args[i]);
            }
            if (args[i].equals("--mirror")) {
                String[] mirror = args[i + 1].split("=", 2);
                if (mirror.length != 2) {
                    usage("--mirror takes HOST=ENDPOINT, got " + args[i + 1]);
                }
                mirrors.put(mirror[0], mirror[1]);
            } else {
                options.put(args[i], args[i + 1]);
            }
        }
        ContainerdConfig config = new ContainerdConfig(Path.of(required(options, "--base-dir")),
                required(options, "--pod-cidr"), required(options, "--bridge"), required(options, "--sandbox-image"),
                mirrors, Path.of(options.get("--cni-bin-dir")));
        ContainerdConfigWriter.write(config);
        System.out.println(config.configFile());
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            usage("missing " + name);
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println("WriteContainerdConfig: " + problem);
        System.err.println("usage: --base-dir DIR --pod-cidr CIDR --bridge NAME --sandbox-image IMAGE"
                + " [--mirror HOST=ENDPOINT]... [--cni-bin-dir DIR]");
        System.exit(2);
    }
}
