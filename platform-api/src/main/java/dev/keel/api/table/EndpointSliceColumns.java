package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.items;
import static dev.keel.api.table.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** NAME ADDRESSTYPE PORTS ENDPOINTS AGE; long lists keep the first three entries. */
@Component
public class EndpointSliceColumns implements TableColumns {

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("AddressType", "IPv4, IPv6 or FQDN."),
            ColumnDefinition.string("Ports", "Port numbers (or names) of the slice."),
            ColumnDefinition.string("Endpoints", "Addresses of the slice's endpoints."),
            ColumnDefinition.ageColumn());

    @Override
    public String kind() {
        return "EndpointSlice";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode slice, Instant now) {
        return List.of(
                JsonFields.name(slice),
                text(slice.path("addressType")),
                ports(slice.path("ports")),
                endpoints(slice.path("endpoints")),
                JsonFields.age(slice, now));
    }

    /** A port without a number (all ports) shows its name, or {@code *} if it has none. */
    private static String ports(JsonNode ports) {
        ShortList list = new ShortList();
        for (JsonNode port : items(ports)) {
            if (port.path("port").isNumber()) {
                list.add(String.valueOf(port.path("port").asLong()));
            } else if (port.path("name").isTextual()) {
                list.add(port.path("name").textValue());
            } else {
                list.add("*");
            }
        }
        return orUnset(list);
    }

    private static String endpoints(JsonNode endpoints) {
        ShortList list = new ShortList();
        for (JsonNode endpoint : items(endpoints)) {
            items(endpoint.path("addresses")).forEach(a -> list.add(text(a)));
        }
        return orUnset(list);
    }

    private static String orUnset(ShortList list) {
        return JsonFields.orElse(list.toString(), JsonFields.UNSET);
    }
}
