package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import org.springframework.stereotype.Component;

/** Endpoint slices: address type, 1 to 100 addresses per endpoint, port protocols. */
@Component
public class EndpointSliceValidation implements ValidatingAdmission {

    private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("EndpointSlice") || !(request.object() instanceof EndpointSlice slice)) {
            return;
        }
        String addressType = slice.getAddressType() == null ? "" : slice.getAddressType();
        if (addressType.isEmpty()) {
            errors.required("addressType", "");
        } else if (!ADDRESS_TYPES.contains(addressType)) {
            errors.notSupported("addressType", addressType, ADDRESS_TYPES);
        }
        List<Endpoint> endpoints = slice.getEndpoints() == null ? List.of() : slice.getEndpoints();
        for (int i = 0; i < endpoints.size(); i++) {
            List<String> addresses = endpoints.get(i).getAddresses();
            String path = "endpoints[" + i + "].addresses";
            if (addresses == null || addresses.isEmpty()) {
                errors.required(path, "must contain at least 1 address");
            } else if (addresses.size() > 100) {
                errors.tooLong(path, 100);
            }
        }
        List<EndpointPort> ports = slice.getPorts() == null ? List.of() : slice.getPorts();
        for (int i = 0; i < ports.size(); i++) {
            String protocol = ports.get(i).getProtocol();
            if (protocol != null && !ContainerRules.PROTOCOLS.contains(protocol)) {
                errors.notSupported("ports[" + i + "].protocol", protocol, ContainerRules.PROTOCOLS);
            }
        }
    }
}
