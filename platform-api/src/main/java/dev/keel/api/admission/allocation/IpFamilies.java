package dev.keel.api.admission.allocation;

import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Ipv4;
import dev.keel.api.admission.validation.GoValue;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Settles a service's ipFamilyPolicy and ipFamilies on this single-stack IPv4 cluster, as upstream's allocator
 * does before allocating: SingleStack/[IPv4] by default, the old policy kept on update, and headless services
 * without a selector asking for both families (they get no address, so nothing needs allocating).
 */
public final class IpFamilies {

    private IpFamilies() {
    }

    /** Fills in the fields; problems (IPv6 or dual-stack demands) go to {@code errors}. */
    public static void settle(ServiceSpec spec, ServiceSpec old, FieldErrors errors) {
        if ("ExternalName".equals(spec.getType())) {
            return;
        }
        boolean headless = "None".equals(spec.getClusterIP());
        boolean selectorless = spec.getSelector() == null || spec.getSelector().isEmpty();
        if (spec.getIpFamilyPolicy() == null) {
            if (old != null && old.getIpFamilyPolicy() != null) {
                spec.setIpFamilyPolicy(old.getIpFamilyPolicy());
            } else {
                spec.setIpFamilyPolicy(headless && selectorless ? "RequireDualStack" : "SingleStack");
            }
        }
        List<String> families = spec.getIpFamilies() == null ? new ArrayList<>() : new ArrayList<>(spec.getIpFamilies());
        List<String> clusterIps = spec.getClusterIPs() == null ? List.of() : spec.getClusterIPs();
        for (int i = 0; i < clusterIps.size(); i++) {
            String ip = clusterIps.get(i);
            if (ip.equals("None")) {
                break;
            }
            if (i >= families.size()) {
                if (Ipv4.parse(ip) != null) {
                    families.add("IPv4");
                } else if (ip.contains(":")) {
                    errors.invalid("spec.clusterIPs[" + i + "]", GoValue.stringList(clusterIps), "IPv6 is not configured on this cluster");
                }
            }
        }
        if (headless && selectorless) {
            if (families.isEmpty()) {
                families.add("IPv4");
            }
            if (families.size() < 2 && !"SingleStack".equals(spec.getIpFamilyPolicy())) {
                families.add(families.get(0).equals("IPv4") ? "IPv6" : "IPv4");
            }
            spec.setIpFamilies(families);
            return;
        }
        if ("RequireDualStack".equals(spec.getIpFamilyPolicy())) {
            errors.invalid("spec.ipFamilyPolicy", spec.getIpFamilyPolicy(), "this cluster is not configured for dual-stack services");
        }
        for (int i = 0; i < families.size(); i++) {
            if (!families.get(i).equals("IPv4")) {
                errors.invalid("spec.ipFamilies[" + i + "]", families.get(i), "not configured on this cluster");
            }
        }
        if (families.isEmpty()) {
            families.add("IPv4");
        }
        spec.setIpFamilies(families);
    }
}
