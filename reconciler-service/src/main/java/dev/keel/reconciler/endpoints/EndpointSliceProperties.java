package dev.keel.reconciler.endpoints;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The EndpointSlice controller's settings ({@code keel.reconciler.endpoint-slices.*}). */
@ConfigurationProperties("keel.reconciler.endpoint-slices")
public class EndpointSliceProperties {

    /** The most endpoints one EndpointSlice holds (Kubernetes' --max-endpoints-per-slice). */
    private int maxEndpointsPerSlice = 100;

    public int getMaxEndpointsPerSlice() {
        return maxEndpointsPerSlice;
    }

    public void setMaxEndpointsPerSlice(int maxEndpointsPerSlice) {
        this.maxEndpointsPerSlice = maxEndpointsPerSlice;
    }
}
