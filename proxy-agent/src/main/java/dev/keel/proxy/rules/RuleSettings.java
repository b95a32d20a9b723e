package dev.keel.proxy.rules;

/**
 * What both rule writers need beyond the services.
 *
 * @param clusterCidr the pod range; traffic to a cluster IP from outside it is masqueraded so replies return
 *                    through this node. Empty: masquerade all service traffic.
 * @param masqueradeMark the packet mark bit that asks the postrouting chain to masquerade
 */
public record RuleSettings(String clusterCidr, int masqueradeMark) {

    public String markHex() {
        return "0x" + Integer.toHexString(masqueradeMark);
    }

    public boolean masqueradeAll() {
        return clusterCidr == null || clusterCidr.isEmpty();
    }
}
