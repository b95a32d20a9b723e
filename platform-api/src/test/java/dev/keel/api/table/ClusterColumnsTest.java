package dev.keel.api.table;

import static dev.keel.api.table.Fixtures.ago;
import static dev.keel.api.table.Fixtures.headers;
import static dev.keel.api.table.Fixtures.json;
import static dev.keel.api.table.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Namespace and Node. */
class ClusterColumnsTest {

    @Test
    void namespace() {
        NamespaceColumns columns = new NamespaceColumns();
        ObjectNode namespace = json("{metadata:{name:'shop'}, status:{phase:'Terminating'}}");
        namespace.withObjectProperty("metadata").put("creationTimestamp", ago("400d"));

        assertThat(headers(columns, 0)).containsExactly("NAME", "STATUS", "AGE");
        assertThat(row(columns, namespace).values()).containsExactly("shop", "Terminating", "400d");
    }

    @Test
    void nodeColumnsMatchKubectl() {
        NodeColumns columns = new NodeColumns();

        assertThat(headers(columns, 0)).containsExactly("NAME", "STATUS", "ROLES", "AGE", "VERSION");
        assertThat(headers(columns, 1)).containsExactly(
                "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME");
    }

    @Test
    void node() {
        ObjectNode node = json("""
                {metadata:{name:'node-1', labels:{'node-role.kubernetes.io/control-plane':'',
                                                   'node-role.kubernetes.io/worker':'', 'kubernetes.io/hostname':'node-1'}},
                 status:{conditions:[{type:'MemoryPressure',status:'False'},{type:'Ready',status:'True'}],
                         addresses:[{type:'Hostname',address:'node-1'},{type:'InternalIP',address:'192.168.1.10'},
                                    {type:'InternalIP',address:'fd00::10'},{type:'ExternalIP',address:'203.0.113.4'}],
                         nodeInfo:{kubeletVersion:'v1.31.2', osImage:'Ubuntu 24.04 LTS', kernelVersion:'6.8.0-45-generic',
                                   containerRuntimeVersion:'containerd://1.7.22'}}}""");
        node.withObjectProperty("metadata").put("creationTimestamp", ago("30h"));

        assertThat(row(new NodeColumns(), node).values()).containsExactly(
                "node-1", "Ready", "control-plane,worker", "30h", "v1.31.2",
                "192.168.1.10", "203.0.113.4", "Ubuntu 24.04 LTS", "6.8.0-45-generic", "containerd://1.7.22");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            [{type:'Ready',status:'True'}]                 | false | Ready
            [{type:'Ready',status:'False'}]                | false | NotReady
            [{type:'Ready',status:'Unknown'}]              | false | NotReady
            []                                             | false | Unknown
            [{type:'DiskPressure',status:'True'}]          | false | Unknown
            [{type:'Ready',status:'True'}]                 | true  | Ready,SchedulingDisabled
            [{type:'Ready',status:'False'}]                | true  | NotReady,SchedulingDisabled
            []                                             | true  | Unknown,SchedulingDisabled
            """)
    void nodeStatus(String conditions, boolean cordoned, String expected) {
        ObjectNode node = json("{metadata:{name:'node-1'}, spec:{unschedulable:" + cordoned + "}, status:{}}");
        node.withObjectProperty("status").set("conditions", json("{c:" + conditions + "}").get("c"));

        assertThat(row(new NodeColumns(), node).get("STATUS")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                                                                    | <none>
            {'node-role.kubernetes.io/':''}                                       | <none>
            {'kubernetes.io/role':'master'}                                       | master
            {'kubernetes.io/role':''}                                             | <none>
            {'node-role.kubernetes.io/infra':'', 'kubernetes.io/role':'infra'}    | infra
            {'node-role.kubernetes.io/worker':'', 'kubernetes.io/role':'edge'}    | edge,worker
            """)
    void nodeRoles(String labels, String expected) {
        ObjectNode node = json("{metadata:{name:'node-1', labels:" + labels + "}}");

        assertThat(row(new NodeColumns(), node).get("ROLES")).isEqualTo(expected);
    }

    @Test
    void nodeWithoutStatus() {
        assertThat(row(new NodeColumns(), json("{metadata:{name:'node-1'}}")).values()).containsExactly(
                "node-1", "Unknown", "<none>", "<unknown>", "", "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>");
    }
}
