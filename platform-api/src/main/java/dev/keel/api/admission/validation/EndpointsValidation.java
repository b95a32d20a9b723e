package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Endpoints as Kubernetes validates them: every subset has addresses (ready or not), every address an IP, every port a number in range and a supported protocol, and port names that are unique DNS labels (required
 * when there is more than one port).
 */
@Component
public class EndpointsValidation implements ValidatingAdmission {

    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("Endpoints") || !(request.object() instanceof Endpoints endpoints) || request.subresource() != null
                || endpoints.getSubsets() == null) {
            return;
        }
        for (int i = 0; i < endpoints.getSubsets().size(); i++) {
            subset(endpoints.getSubsets().get(i), "subsets[" + i + "]", errors);
        }
    }

    private static void subset(EndpointSubset subset, String path, FieldErrors errors) {
        List<EndpointAddress> ready = subset.getAddresses() == null ? List.of() : subset.getAddresses();
        List<EndpointAddress> notReady = subset.getNotReadyAddresses() == null ? List.of() : subset.getNotReadyAddresses();
        if (ready.isEmpty() && notReady.isEmpty()) {
            errors.required(path, "must specify `addresses` or `notReadyAddresses`");
        }
        addresses(ready, path + ".addresses", errors);
        addresses(notReady, path + ".notReadyAddresses", errors);
        // A headless Service's endpoints may have no ports.
        List<EndpointPort> ports = subset.getPorts() == null ? List.of() : subset.getPorts();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            EndpointPort port = ports.get(i);
            String portPath = path + ".ports[" + i + "]";
            String name = port.getName() == null ? "" : port.getName();
            if (ports.size() > 1 && name.isEmpty()) {
                errors.required(portPath + ".name", "");
            } else if (!name.isEmpty()) {
                errors.invalidEach(portPath + ".name", name, NameRules.dns1123Label(name));
                if (!names.add(name)) {
                    errors.duplicate(portPath + ".name", name);
                }
            }
            errors.invalidEach(portPath + ".port", port.getPort(), NameRules.portNumber(port.getPort() == null ? 0 : port.getPort()));
            String protocol = port.getProtocol();
            if (protocol == null || protocol.isEmpty()) {
                errors.required(portPath + ".protocol", "");
            } else if (!PROTOCOLS.contains(protocol)) {
                errors.notSupported(portPath + ".protocol", protocol, PROTOCOLS);
            }
        }
    }

    private static void addresses(List<EndpointAddress> addresses, String path, FieldErrors errors) {
        for (int i = 0; i < addresses.size(); i++) {
            String ip = addresses.get(i).getIp() == null ? "" : addresses.get(i).getIp();
            errors.invalidEach(path + "[" + i + "].ip", ip, NameRules.ip(ip));
        }
    }
}
