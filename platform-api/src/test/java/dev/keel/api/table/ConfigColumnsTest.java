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

/** ConfigMap, Secret, ServiceAccount and Lease. */
class ConfigColumnsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                                             | 0
            {data:{a:'1', b:'2'}}                          | 2
            {data:{a:'1'}, binaryData:{blob:'AAEC'}}       | 2
            {data:null}                                    | 0
            """)
    void configMap(String body, long keys) {
        ConfigMapColumns columns = new ConfigMapColumns();
        ObjectNode configMap = json(body);
        configMap.set("metadata", json("{name:'settings', creationTimestamp:'" + ago("45s") + "'}"));

        assertThat(headers(columns, 0)).containsExactly("NAME", "DATA", "AGE");
        assertThat(row(columns, configMap).values()).containsExactly("settings", keys, "45s");
    }

    @Test
    void secret() {
        SecretColumns columns = new SecretColumns();
        ObjectNode secret = json("{metadata:{name:'tls'}, type:'kubernetes.io/tls', data:{'tls.crt':'eA==', 'tls.key':'eQ=='}}");
        secret.withObjectProperty("metadata").put("creationTimestamp", ago("3m20s"));

        assertThat(headers(columns, 0)).containsExactly("NAME", "TYPE", "DATA", "AGE");
        assertThat(row(columns, secret).values()).containsExactly("tls", "kubernetes.io/tls", 2L, "3m20s");
    }

    @Test
    void secretCountsUnmergedStringDataOnce() {
        ObjectNode secret = json("{metadata:{name:'s'}, type:'Opaque', data:{a:'eA=='}, stringData:{a:'x', b:'y'}}");

        assertThat(row(new SecretColumns(), secret).get("DATA")).isEqualTo(2L);
    }

    @Test
    void serviceAccount() {
        ServiceAccountColumns columns = new ServiceAccountColumns();
        ObjectNode withSecrets = json("{metadata:{name:'builder'}, secrets:[{name:'builder-token'}]}");
        ObjectNode plain = json("{metadata:{name:'default'}}");

        assertThat(headers(columns, 0)).containsExactly("NAME", "SECRETS", "AGE");
        assertThat(row(columns, withSecrets).get("SECRETS")).isEqualTo(1L);
        assertThat(row(columns, plain).get("SECRETS")).isEqualTo(0L);
    }

    @Test
    void lease() {
        LeaseColumns columns = new LeaseColumns();
        ObjectNode held = json("{metadata:{name:'kube-scheduler'}, spec:{holderIdentity:'node-1_5f3c', leaseDurationSeconds:15}}");
        ObjectNode free = json("{metadata:{name:'idle'}, spec:{}}");

        assertThat(headers(columns, 0)).containsExactly("NAME", "HOLDER", "AGE");
        assertThat(row(columns, held).get("HOLDER")).isEqualTo("node-1_5f3c");
        assertThat(row(columns, free).get("HOLDER")).isEqualTo("");
    }
}
