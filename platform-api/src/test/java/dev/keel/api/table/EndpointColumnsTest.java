package dev.keel.api.table;

import static dev.keel.api.table.Fixtures.headers;
import static dev.keel.api.table.Fixtures.json;
import static dev.keel.api.table.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Endpoints and EndpointSlice. */
class EndpointColumnsTest {

    @Test
    void columnsMatchKubectl() {
        assertThat(headers(new EndpointsColumns(), 0)).containsExactly("NAME", "ENDPOINTS", "AGE");
        assertThat(headers(new EndpointSliceColumns(), 0)).containsExactly("NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE");
        assertThat(headers(new EndpointsColumns(), 1)).isEmpty();
        assertThat(headers(new EndpointSliceColumns(), 1)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no subsets           | []                                                                                                  | <none>
            one address          | [{addresses:[{ip:'10.1.0.4'}],ports:[{port:8080}]}]                                                 | 10.1.0.4:8080
            three addresses      | [{addresses:[{ip:'10.1.0.4'},{ip:'10.1.0.5'},{ip:'10.1.0.6'}],ports:[{port:80}]}]                   | 10.1.0.4:80,10.1.0.5:80,10.1.0.6:80
            four addresses       | [{addresses:[{ip:'10.1.0.4'},{ip:'10.1.0.5'},{ip:'10.1.0.6'},{ip:'10.1.0.7'}],ports:[{port:80}]}]   | 10.1.0.4:80,10.1.0.5:80,10.1.0.6:80 + 1 more...
            ports times addrs    | [{addresses:[{ip:'10.1.0.4'},{ip:'10.1.0.5'}],ports:[{port:80},{port:443}]}]                        | 10.1.0.4:80,10.1.0.5:80,10.1.0.4:443 + 1 more...
            across subsets       | [{addresses:[{ip:'10.1.0.4'}],ports:[{port:80}]},{addresses:[{ip:'10.1.0.9'}],ports:[{port:81}]}]   | 10.1.0.4:80,10.1.0.9:81
            headless, no ports   | [{addresses:[{ip:'10.1.0.4'},{ip:'10.1.0.5'}]}]                                                     | 10.1.0.4,10.1.0.5
            ipv6                 | [{addresses:[{ip:'fd00::4'}],ports:[{port:80}]}]                                                    | [fd00::4]:80
            only not-ready       | [{notReadyAddresses:[{ip:'10.1.0.4'}],ports:[{port:80}]}]                                           | ''
            """)
    void endpoints(String description, String subsets, String expected) {
        ObjectNode endpoints = json("{metadata:{name:'web', creationTimestamp:'" + Fixtures.ago("1h") + "'}}");
        endpoints.set("subsets", json("{s:" + subsets + "}").get("s"));

        assertThat(row(new EndpointsColumns(), endpoints).values()).containsExactly("web", expected, "60m");
    }

    @Test
    void endpointsWithoutSubsetsField() {
        assertThat(row(new EndpointsColumns(), json("{metadata:{name:'web'}}")).get("ENDPOINTS")).isEqualTo("<none>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            typical        | [{name:'http',port:80,protocol:'TCP'}]                       | [{addresses:['10.1.0.4']},{addresses:['10.1.0.5']}]  | 80         | 10.1.0.4,10.1.0.5
            no ports       | []                                                          | []                                                   | <unset>    | <unset>
            all ports      | [{}]                                                        | [{addresses:['10.1.0.4']}]                           | *          | 10.1.0.4
            named only     | [{name:'metrics'}]                                          | [{addresses:['10.1.0.4']}]                           | metrics    | 10.1.0.4
            many           | [{port:1},{port:2},{port:3},{port:4},{port:5}]              | [{addresses:['a','b']},{addresses:['c','d','e']}]    | 1,2,3 + 2 more... | a,b,c + 2 more...
            """)
    void endpointSlice(String description, String ports, String endpoints, String expectedPorts, String expectedEndpoints) {
        ObjectNode slice = json("{metadata:{name:'web-abc12'}, addressType:'IPv4'}");
        slice.set("ports", json("{p:" + ports + "}").get("p"));
        slice.set("endpoints", json("{e:" + endpoints + "}").get("e"));

        assertThat(row(new EndpointSliceColumns(), slice).values())
                .containsExactly("web-abc12", "IPv4", expectedPorts, expectedEndpoints, "<unknown>");
    }
}
