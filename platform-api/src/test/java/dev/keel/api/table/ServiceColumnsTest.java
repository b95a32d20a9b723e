package dev.keel.api.table;

import static dev.keel.api.table.Fixtures.headers;
import static dev.keel.api.table.Fixtures.json;
import static dev.keel.api.table.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceColumnsTest {

    private final ServiceColumns columns = new ServiceColumns();

    @Test
    void columnsMatchKubectl() {
        assertThat(columns.kind()).isEqualTo("Service");
        assertThat(headers(columns, 0)).containsExactly("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE");
        assertThat(headers(columns, 1)).containsExactly("SELECTOR");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            [{port:80,protocol:'TCP'}]                                          | 80/TCP
            [{port:53,protocol:'UDP'},{port:53,protocol:'TCP'}]                 | 53/UDP,53/TCP
            [{port:80,nodePort:30080,protocol:'TCP'},{port:443,protocol:'TCP'}] | 80:30080/TCP,443/TCP
            [{port:80,targetPort:8080,nodePort:31000,protocol:'TCP'}]           | 80:31000/TCP
            [{port:9000,protocol:'SCTP'}]                                       | 9000/SCTP
            [{port:8080}]                                                       | 8080/TCP
            []                                                                  | <none>
            """)
    void ports(String ports, String expected) {
        ObjectNode service = service("{type:'NodePort', clusterIP:'10.96.0.10'}");
        service.withObjectProperty("spec").set("ports", json("{p:" + ports + "}").get("p"));

        assertThat(row(columns, service).get("PORT(S)")).isEqualTo(expected);
    }

    @Test
    void noPortsFieldIsNone() {
        assertThat(row(columns, service("{type:'ClusterIP', clusterIP:'None'}")).get("PORT(S)")).isEqualTo("<none>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain cluster IP      | {type:'ClusterIP', clusterIP:'10.96.0.1', clusterIPs:['10.96.0.1']}                           | ClusterIP    | 10.96.0.1 | <none>
            dual stack            | {type:'ClusterIP', clusterIP:'10.96.0.1', clusterIPs:['10.96.0.1','fd00::1']}                 | ClusterIP    | 10.96.0.1 | <none>
            clusterIPs missing    | {type:'ClusterIP', clusterIP:'10.96.0.2'}                                                     | ClusterIP    | 10.96.0.2 | <none>
            headless              | {type:'ClusterIP', clusterIP:'None', clusterIPs:['None']}                                     | ClusterIP    | None      | <none>
            type defaulted        | {clusterIP:'10.96.0.3'}                                                                       | ClusterIP    | 10.96.0.3 | <none>
            external IPs          | {type:'ClusterIP', clusterIPs:['10.96.0.4'], externalIPs:['1.2.3.4','5.6.7.8']}               | ClusterIP    | 10.96.0.4 | 1.2.3.4,5.6.7.8
            node port             | {type:'NodePort', clusterIPs:['10.96.0.5']}                                                   | NodePort     | 10.96.0.5 | <none>
            node port external    | {type:'NodePort', clusterIPs:['10.96.0.5'], externalIPs:['1.2.3.4']}                          | NodePort     | 10.96.0.5 | 1.2.3.4
            load balancer pending | {type:'LoadBalancer', clusterIPs:['10.96.0.6']}                                               | LoadBalancer | 10.96.0.6 | <pending>
            external name         | {type:'ExternalName', externalName:'db.example.com'}                                          | ExternalName | <none>    | db.example.com
            unknown type          | {type:'Weird', clusterIPs:['10.96.0.7']}                                                      | Weird        | 10.96.0.7 | <unknown>
            """)
    void addresses(String description, String spec, String type, String clusterIP, String externalIP) {
        Map<String, Object> row = row(columns, service(spec));

        assertThat(row).containsEntry("TYPE", type).containsEntry("CLUSTER-IP", clusterIP).containsEntry("EXTERNAL-IP", externalIP);
    }

    @Test
    void loadBalancerIngressIsSortedDistinctAndUnclipped() {
        ObjectNode service = service("{type:'LoadBalancer', clusterIPs:['10.96.0.6']}");
        service.set("status", json("""
                {loadBalancer:{ingress:[{ip:'203.0.113.9'},{hostname:'a1b2c3d4e5f6.elb.example.com'},
                                         {ip:'203.0.113.10', hostname:'ignored.example.com'},{ip:'203.0.113.9'},{}]}}"""));

        // the server renders with wide output, so long ingress lists are not cut to 16 characters
        assertThat(row(columns, service).get("EXTERNAL-IP"))
                .isEqualTo("203.0.113.10,203.0.113.9,a1b2c3d4e5f6.elb.example.com");
    }

    @Test
    void loadBalancerIngressComesBeforeExternalIps() {
        ObjectNode service = service("{type:'LoadBalancer', clusterIPs:['10.96.0.6'], externalIPs:['1.2.3.4']}");
        service.set("status", json("{loadBalancer:{ingress:[{ip:'203.0.113.9'}]}}"));

        assertThat(row(columns, service).get("EXTERNAL-IP")).isEqualTo("203.0.113.9,1.2.3.4");
    }

    @Test
    void loadBalancerWithOnlyExternalIps() {
        ObjectNode service = service("{type:'LoadBalancer', clusterIPs:['10.96.0.6'], externalIPs:['1.2.3.4']}");

        assertThat(row(columns, service).get("EXTERNAL-IP")).isEqualTo("1.2.3.4");
    }

    @Test
    void selectorIsSortedLabelsOrNone() {
        assertThat(row(columns, service("{selector:{tier:'web', app:'shop'}}")).get("SELECTOR")).isEqualTo("app=shop,tier=web");
        assertThat(row(columns, service("{}")).get("SELECTOR")).isEqualTo("<none>");
    }

    @Test
    void nameAndAge() {
        assertThat(row(columns, service("{}"))).containsEntry("NAME", "web").containsEntry("AGE", "3d");
    }

    private static ObjectNode service(String spec) {
        ObjectNode service = json("{apiVersion:'v1', kind:'Service', metadata:{name:'web', namespace:'default'}}");
        service.withObjectProperty("metadata").put("creationTimestamp", Fixtures.ago("72h"));
        service.set("spec", json(spec));
        return service;
    }
}
