package dev.keel.proxy.rules;

import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ProxyState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The difference between the state of the last sync and the wanted one, port by port: what a partial sync
 * must rewrite and what it must remove.
 *
 * @param written ports that are new or differ from the last sync, as wanted now
 * @param superseded the last sync's versions of ports that changed or went away
 */
public record PortChanges(List<ProxiedPort> written, List<ProxiedPort> superseded) {

    public PortChanges {
        written = List.copyOf(written);
        superseded = List.copyOf(superseded);
    }

    public static PortChanges between(ProxyState previous, ProxyState wanted) {
        Map<String, ProxiedPort> before = new HashMap<>();
        previous.ports().forEach(port -> before.put(port.id(), port));
        List<ProxiedPort> written = new ArrayList<>();
        List<ProxiedPort> superseded = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        for (ProxiedPort port : wanted.ports()) {
            ProxiedPort old = before.get(port.id());
            kept.add(port.id());
            if (port.equals(old)) {
                continue;
            }
            written.add(port);
            if (old != null) {
                superseded.add(old);
            }
        }
        for (ProxiedPort old : previous.ports()) {
            if (!kept.contains(old.id())) {
                superseded.add(old);
            }
        }
        return new PortChanges(written, superseded);
    }

    /** The number of distinct ports added, changed or removed. */
    public int count() {
        Set<String> ids = new HashSet<>();
        written.forEach(port -> ids.add(port.id()));
        superseded.forEach(port -> ids.add(port.id()));
        return ids.size();
    }
}
