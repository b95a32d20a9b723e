package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.items;
import static dev.keel.api.table.JsonFields.number;
import static dev.keel.api.table.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME ENDPOINTS AGE, where ENDPOINTS lists the first three ready {@code ip:port} pairs. */
@Component
public class EndpointsColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Endpoints", "Ready addresses with their ports."),
            ColumnDefinition.ageColumn());

    @Override
    public String kind() {
        return "Endpoints";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode endpoints, Instant now) {
        return List.of(JsonFields.name(endpoints), endpoints(endpoints.path("subsets")), JsonFields.age(endpoints, now));
    }

    private static String endpoints(JsonNode subsets) {
        if (JsonFields.size(subsets) == 0) {
            return JsonFields.NONE;
        }
        ShortList list = new ShortList();
        for (JsonNode subset : items(subsets)) {
            List<JsonNode> addresses = items(subset.path("addresses"));
            List<JsonNode> ports = items(subset.path("ports"));
            if (ports.isEmpty()) {
                // headless services may have no ports at all: list bare addresses
                addresses.forEach(a -> list.add(text(a.path("ip"))));
                continue;
            }
            for (JsonNode port : ports) {
                for (JsonNode address : addresses) {
                    list.add(hostPort(text(address.path("ip")), number(port.path("port"))));
                }
            }
        }
        return list.toString();
    }

    /** IPv6 addresses get brackets so the port stays readable. */
    private static String hostPort(String ip, long port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }
}
