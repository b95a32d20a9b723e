package dev.keel.bench.scheduler;

/** The JSON of the nodes and pods the benchmark creates. */
final class Manifests {

    static final int ZONES = 10;

    private Manifests() {
    }

    /** A node: 16 cpu, 64 GiB, 110 pods, in one of ten zones. */
    static String node(int i) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"node-" + i + "\",\"labels\":{"
                + "\"kubernetes.io/hostname\":\"node-" + i + "\",\"topology.kubernetes.io/zone\":\"zone-" + (i % ZONES) + "\"}}}";
    }

    static String nodeStatus() {
        return "{\"status\":{\"capacity\":{\"cpu\":\"16\",\"memory\":\"64Gi\",\"pods\":\"110\"},"
                + "\"allocatable\":{\"cpu\":\"16\",\"memory\":\"64Gi\",\"pods\":\"110\"},"
                + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}";
    }

    /**
     * A pod asking for 100m cpu and 128 MiB. In a mixed case, of every ten pods: four plain, three spread over zones
     * (maxSkew 1, DoNotSchedule), two preferring other hosts than their group's pods, one refusing any host that
     * already has a pod of its group (required anti-affinity by hostname).
     */
    static String pod(int i, boolean mixed) {
        String kind = !mixed ? "plain" : switch (i % 10) {
            case 0, 1, 2, 3 -> "plain";
            case 4, 5, 6 -> "spread";
            case 7, 8 -> "prefer-apart";
            default -> "apart";
        };
        String group = kind + "-" + (i / 10 % 20);
        StringBuilder spec = new StringBuilder("{\"containers\":[{\"name\":\"c\",\"image\":\"localhost:5000/busybox:1.35\","
                + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"}}}]");
        String selector = "{\"matchLabels\":{\"group\":\"" + group + "\"}}";
        switch (kind) {
            case "spread" -> spec.append(",\"topologySpreadConstraints\":[{\"maxSkew\":1,\"topologyKey\":\"topology.kubernetes.io/zone\","
                    + "\"whenUnsatisfiable\":\"DoNotSchedule\",\"labelSelector\":").append(selector).append("}]");
            case "prefer-apart" -> spec.append(",\"affinity\":{\"podAntiAffinity\":{\"preferredDuringSchedulingIgnoredDuringExecution\":"
                    + "[{\"weight\":100,\"podAffinityTerm\":{\"topologyKey\":\"kubernetes.io/hostname\",\"labelSelector\":")
                    .append(selector).append("}}]}}");
            case "apart" -> spec.append(",\"affinity\":{\"podAntiAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
                    + "[{\"topologyKey\":\"kubernetes.io/hostname\",\"labelSelector\":").append(selector).append("}]}}");
            default -> {
            }
        }
        spec.append('}');
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"pod-" + i + "\",\"labels\":{\"group\":\""
                + group + "\"}},\"spec\":" + spec + "}";
    }
}
